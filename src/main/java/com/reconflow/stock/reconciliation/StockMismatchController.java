package com.reconflow.stock.reconciliation;

import java.time.LocalDate;
import java.util.List;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The stock mismatches of a business date, with their quantities and orders (stock readers, as /api/stock/**). */
@RestController
@RequestMapping("/api/stock/mismatches")
class StockMismatchController {

    private final StockMismatchRepository mismatches;

    StockMismatchController(StockMismatchRepository mismatches) {
        this.mismatches = mismatches;
    }

    @GetMapping
    List<StockMismatchRepository.Stored> ofDate(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                                LocalDate date) {
        return mismatches.ofDate(date);
    }
}
