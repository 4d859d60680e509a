package com.reconflow.stock.orders;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/stock/interceptions}: oversold order lines and their decisions; {@code /api/stock/order-postings}:
 * what became of an import's order lines in the ledger. Read-only: decisions are taken in the operations task.
 */
@RestController
@RequestMapping("/api/stock")
class OrderStockController {

    private final OversellReview review;
    private final OrderStockPosting posting;

    OrderStockController(OversellReview review, OrderStockPosting posting) {
        this.review = review;
        this.posting = posting;
    }

    @GetMapping("/interceptions")
    ResponseEntity<?> interceptions(@RequestParam(value = "status", required = false) String status,
                                    @RequestParam(value = "orderNo", required = false) String orderNo,
                                    @RequestParam(value = "limit", defaultValue = "500") int limit) {
        if (status != null && !List.of(Interception.OPEN, Interception.DECIDED).contains(status)) {
            return ResponseEntity.badRequest().body(Map.of("field", "status", "message", "status: OPEN or DECIDED"));
        }
        if (limit < 1 || limit > 5000) {
            return ResponseEntity.badRequest().body(Map.of("field", "limit", "message", "limit: between 1 and 5000"));
        }
        return ResponseEntity.ok(review.interceptions(status, blankToNull(orderNo), limit).stream()
                .map(OrderStockController::json).toList());
    }

    @GetMapping("/interceptions/{id}")
    ResponseEntity<Map<String, Object>> interception(@PathVariable("id") long id) {
        return review.interception(id).map(i -> ResponseEntity.ok(json(i)))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @GetMapping("/order-postings/{importId}")
    ResponseEntity<Map<String, Object>> posting(@PathVariable("importId") long importId) {
        return posting.posting(importId).map(p -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("importId", p.importId());
            json.put("status", p.status());
            json.put("posted", p.posted());
            json.put("intercepted", p.intercepted());
            json.put("cancelled", p.cancelled());
            json.put("unlocated", p.unlocated());
            json.put("untracked", p.untracked());
            json.put("skipped", p.skipped());
            json.put("requestedAt", p.requestedAt().toString());
            json.put("finishedAt", p.finishedAt() == null ? null : p.finishedAt().toString());
            return ResponseEntity.ok(json);
        }).orElseGet(() -> ResponseEntity.notFound().build());
    }

    static Map<String, Object> json(Interception i) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", i.id());
        json.put("recordId", i.recordId());
        json.put("orderNo", i.orderNo());
        json.put("channel", i.channel());
        json.put("sku", i.sku());
        json.put("location", i.location());
        json.put("quantity", i.quantity());
        json.put("availableThen", i.availableThen());
        json.put("businessDate", i.businessDate().toString());
        json.put("status", i.status());
        json.put("createdAt", i.createdAt().toString());
        json.put("processInstanceId", i.processInstanceId());
        json.put("decision", i.decision());
        json.put("decisionLocation", i.decisionLocation());
        json.put("comment", i.decisionComment());
        json.put("decidedBy", i.decidedBy());
        json.put("decidedAt", i.decidedAt() == null ? null : i.decidedAt().toString());
        json.put("movementId", i.movementId());
        return json;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
