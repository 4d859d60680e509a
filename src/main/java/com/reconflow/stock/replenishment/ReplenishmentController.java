package com.reconflow.stock.replenishment;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.reconflow.config.ReconProperties;
import com.reconflow.security.CurrentUser;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/stock}: reorder thresholds (read, set as JSON or CSV), replenishment cases, purchase requests as
 * JSON and XLSX.
 */
@RestController
@RequestMapping("/api/stock")
class ReplenishmentController {

    static final MediaType XLSX = MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    static final List<String> CSV_HEADER = List.of("sku", "location", "threshold", "leadTimeDays", "supplier");
    private static final int MAX_THRESHOLDS = 10_000;

    private final Replenishments replenishments;
    private final Thresholds thresholds;
    private final CurrentUser currentUser;
    private final ReconProperties properties;

    ReplenishmentController(Replenishments replenishments, Thresholds thresholds, CurrentUser currentUser,
                            ReconProperties properties) {
        this.replenishments = replenishments;
        this.thresholds = thresholds;
        this.currentUser = currentUser;
        this.properties = properties;
    }

    /** The SKUs' own thresholds; with sku and location, the one in force (own or the configured default). */
    @GetMapping("/thresholds")
    Object thresholds(@RequestParam(value = "sku", required = false) String sku,
                      @RequestParam(value = "location", required = false) String location,
                      @RequestParam(value = "limit", defaultValue = "1000") int limit) {
        if (limit < 1 || limit > MAX_THRESHOLDS) {
            throw new BadRequest("limit", "between 1 and " + MAX_THRESHOLDS);
        }
        String theSku = blankToNull(sku);
        String theLocation = blankToNull(location);
        if (theSku != null && theLocation != null) {
            return thresholds.of(theSku, theLocation).map(ReplenishmentController::thresholdJson)
                    .orElseThrow(() -> new NotFound("no threshold for " + theSku + " @ " + theLocation
                            + " and no default configured"));
        }
        return thresholds.list(theSku, theLocation, limit).stream().map(ReplenishmentController::thresholdJson).toList();
    }

    /**
     * Sets thresholds, all or none: a JSON array of {@code {sku, location, threshold, leadTimeDays, supplier}}
     * (leadTimeDays and supplier optional), each replacing the SKU's earlier one at the location.
     */
    @PutMapping(value = "/thresholds", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> putJson(@RequestBody(required = false) List<Map<String, Object>> body) {
        if (body == null || body.isEmpty()) {
            throw new BadRequest("body", "give a JSON array of {sku, location, threshold, leadTimeDays, supplier}");
        }
        List<Thresholds.Threshold> given = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            Map<String, Object> in = body.get(i) == null ? Map.of() : body.get(i);
            String at = "[" + i + "].";
            given.add(threshold(at, in.get("sku"), in.get("location"), in.get("threshold"), in.get("leadTimeDays"),
                    in.get("supplier")));
        }
        return stored(given);
    }

    /** The same as a CSV file (UTF-8, BOM allowed) with the header {@code sku,location,threshold,leadTimeDays,supplier}. */
    @PutMapping(value = "/thresholds", consumes = "text/csv")
    Map<String, Object> putCsv(@RequestBody(required = false) byte[] body) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Thresholds.Threshold> given = new ArrayList<>();
        try (CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get().parse(new StringReader(text))) {
            if (!csv.getHeaderNames().containsAll(CSV_HEADER.subList(0, 3))) {
                throw new BadRequest("line 1", "the header must be " + String.join(",", CSV_HEADER));
            }
            for (CSVRecord row : csv) {
                String at = "line " + (row.getRecordNumber() + 1) + ", ";
                given.add(threshold(at, cell(row, "sku"), cell(row, "location"), cell(row, "threshold"),
                        cell(row, "leadTimeDays"), cell(row, "supplier")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            if (e instanceof BadRequest bad) {
                throw bad;
            }
            throw new BadRequest("file", "not CSV as expected: " + e.getMessage());
        }
        if (given.isEmpty()) {
            throw new BadRequest("file", "no thresholds below the header");
        }
        return stored(given);
    }

    @GetMapping("/replenishments")
    List<Map<String, Object>> replenishments(@RequestParam(value = "sku", required = false) String sku,
                                             @RequestParam(value = "location", required = false) String location,
                                             @RequestParam(value = "status", required = false) String status,
                                             @RequestParam(value = "limit", defaultValue = "500") int limit) {
        if (limit < 1 || limit > 5000) {
            throw new BadRequest("limit", "between 1 and 5000");
        }
        return replenishments.list(blankToNull(sku), blankToNull(location), blankToNull(status), limit).stream()
                .map(ReplenishmentController::replenishmentJson).toList();
    }

    /** Purchase requests made on the days {@code from}..{@code to} (business zone, both inclusive; default today). */
    @GetMapping("/purchase-requests")
    List<Map<String, Object>> purchaseRequests(@RequestParam(value = "from", required = false) String from,
                                               @RequestParam(value = "to", required = false) String to) {
        return requests(from, to).stream().map(ReplenishmentController::requestJson).toList();
    }

    @GetMapping("/purchase-requests.xlsx")
    ResponseEntity<byte[]> purchaseRequestsXlsx(@RequestParam(value = "from", required = false) String from,
                                                @RequestParam(value = "to", required = false) String to) {
        return xlsx(PurchaseRequestWorkbook.write(requests(from, to), properties.zone()), "purchase-requests.xlsx");
    }

    @GetMapping("/purchase-requests/{id:\\d+}")
    Map<String, Object> purchaseRequest(@PathVariable("id") long id) {
        return requestJson(request(id));
    }

    @GetMapping("/purchase-requests/{id:\\d+}.xlsx")
    ResponseEntity<byte[]> purchaseRequestXlsx(@PathVariable("id") long id) {
        return xlsx(PurchaseRequestWorkbook.write(List.of(request(id)), properties.zone()),
                "purchase-request-" + id + ".xlsx");
    }

    @ExceptionHandler(BadRequest.class)
    ResponseEntity<Map<String, String>> badRequest(BadRequest e) {
        return ResponseEntity.badRequest().body(Map.of("field", e.field, "message", e.getMessage()));
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<Map<String, String>> notFound(NotFound e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("message", e.getMessage()));
    }

    private Map<String, Object> stored(List<Thresholds.Threshold> given) {
        if (given.size() > MAX_THRESHOLDS) {
            throw new BadRequest("body", "at most " + MAX_THRESHOLDS + " thresholds at once");
        }
        List<Long> opened = replenishments.setThresholds(given, currentUser.id());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("stored", given.size());
        answer.put("replenishmentsOpened", opened);
        return answer;
    }

    private Replenishments.PurchaseRequest request(long id) {
        return replenishments.purchaseRequest(id).orElseThrow(() -> new NotFound("no purchase request " + id));
    }

    private List<Replenishments.PurchaseRequest> requests(String from, String to) {
        LocalDate today = LocalDate.now(properties.zone());
        LocalDate first = date("from", from, today);
        LocalDate last = date("to", to, first);
        if (last.isBefore(first) || last.isAfter(first.plusDays(366))) {
            throw new BadRequest("to", "on or after from, at most a year later");
        }
        return replenishments.purchaseRequests(first.atStartOfDay(properties.zone()).toInstant(),
                last.plusDays(1).atStartOfDay(properties.zone()).toInstant(), 100_000);
    }

    private static ResponseEntity<byte[]> xlsx(byte[] bytes, String name) {
        return ResponseEntity.ok().contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(bytes);
    }

    private static Thresholds.Threshold threshold(String at, Object sku, Object location, Object threshold,
                                                  Object leadTimeDays, Object supplier) {
        String theSku = text(at + "sku", sku, 64);
        String theLocation = text(at + "location", location, 100);
        long theThreshold = whole(at + "threshold", threshold, 0, 1_000_000_000L);
        Integer leadTime = blank(leadTimeDays) ? null : (int) whole(at + "leadTimeDays", leadTimeDays, 0, 3650);
        String theSupplier = blank(supplier) ? null : text(at + "supplier", supplier, ReplenishmentTasks.SUPPLIER_WIDTH);
        return new Thresholds.Threshold(theSku, theLocation, theThreshold, leadTime == null ? -1 : leadTime,
                theSupplier, true);
    }

    private static String cell(CSVRecord row, String column) {
        return row.isMapped(column) && row.isSet(column) ? row.get(column) : null;
    }

    private static boolean blank(Object value) {
        return value == null || (value instanceof String s && s.isBlank());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String text(String field, Object value, int width) {
        if (!(value instanceof String s) || s.isBlank()) {
            throw new BadRequest(field, "required");
        }
        String stripped = s.strip();
        if (stripped.length() > width) {
            throw new BadRequest(field, "at most " + width + " characters");
        }
        return stripped;
    }

    private static long whole(String field, Object value, long min, long max) {
        long number;
        if (value instanceof Integer || value instanceof Long) {
            number = ((Number) value).longValue();
        } else if (value instanceof String s && s.strip().matches("\\d{1,12}")) {
            number = Long.parseLong(s.strip());
        } else {
            throw new BadRequest(field, "a whole number from " + min + " to " + max + ", not '" + value + "'");
        }
        if (number < min || number > max) {
            throw new BadRequest(field, "a whole number from " + min + " to " + max + ", not " + number);
        }
        return number;
    }

    private static LocalDate date(String field, String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new BadRequest(field, "a date yyyy-MM-dd");
        }
    }

    static Map<String, Object> thresholdJson(Thresholds.Threshold t) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sku", t.sku());
        json.put("location", t.location());
        json.put("threshold", t.threshold());
        json.put("leadTimeDays", t.leadTimeDays());
        json.put("supplier", t.supplier());
        json.put("own", t.own());
        return json;
    }

    static Map<String, Object> replenishmentJson(Replenishments.Replenishment r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", r.id());
        json.put("sku", r.sku());
        json.put("location", r.location());
        json.put("status", r.status());
        json.put("movementId", r.movementId());
        json.put("threshold", r.threshold());
        json.put("availableThen", r.availableThen());
        json.put("velocity", r.velocity() == null ? null : r.velocity().toPlainString());
        json.put("suggestedQuantity", r.suggestedQuantity());
        json.put("quantity", r.quantity());
        json.put("supplier", r.supplier());
        json.put("unitCost", unitCost(r.unitCost()));
        json.put("purchaseValue", r.purchaseValue() == null ? null : r.purchaseValue().toPlainString());
        json.put("requestedBy", r.requestedBy());
        json.put("approvedBy", r.approvedBy());
        json.put("processInstanceId", r.processInstanceId());
        json.put("createdAt", r.createdAt().toString());
        json.put("closedAt", r.closedAt() == null ? null : r.closedAt().toString());
        return json;
    }

    static Map<String, Object> requestJson(Replenishments.PurchaseRequest p) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", p.id());
        json.put("replenishmentId", p.replenishmentId());
        json.put("sku", p.sku());
        json.put("location", p.location());
        json.put("supplier", p.supplier());
        json.put("quantity", p.quantity());
        json.put("unitCost", unitCost(p.unitCost()));
        json.put("purchaseValue", p.purchaseValue() == null ? null : p.purchaseValue().toPlainString());
        json.put("approvalRequired", p.approvalRequired());
        json.put("requestedBy", p.requestedBy());
        json.put("approvedBy", p.approvedBy());
        json.put("createdAt", p.createdAt().toString());
        return json;
    }

    /** Two decimals like all money, more only where the cost list gave them. */
    static String unitCost(java.math.BigDecimal value) {
        if (value == null) {
            return null;
        }
        java.math.BigDecimal stripped = value.stripTrailingZeros();
        return stripped.setScale(Math.max(2, stripped.scale()), java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    /** A field that cannot be used as given; answered with 400 naming it. */
    static final class BadRequest extends IllegalArgumentException {
        final String field;

        BadRequest(String field, String message) {
            super(field + ": " + message);
            this.field = field;
        }
    }

    static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }
}
