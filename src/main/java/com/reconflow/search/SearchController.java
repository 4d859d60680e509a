package com.reconflow.search;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/search}: the search box (an order number, payment serial or refund number, or a time
 * range); {@code GET /api/reports/records}: the records behind a report figure.
 */
@RestController
class SearchController {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 500;

    private final RecordSearch search;
    private final Clock clock;

    SearchController(RecordSearch search, Clock clock) {
        this.search = search;
        this.clock = clock;
    }

    @GetMapping("/api/search")
    RecordSearch.Found search(@RequestParam Map<String, String> params) {
        int page = page(params);
        int size = size(params);
        String q = params.get("q");
        Instant timeFrom = RecordFilter.instant(params, "timeFrom");
        Instant timeTo = RecordFilter.instant(params, "timeTo");
        if (q != null && !q.isBlank()) {
            if (timeFrom != null || timeTo != null) {
                throw new BadParameter("q", "give either q or timeFrom/timeTo");
            }
            return search.byKey(q.strip(), page, size);
        }
        if (timeFrom == null) {
            throw new BadParameter(timeTo == null ? "q" : "timeFrom",
                    "give q (an order number, payment serial or refund number) or timeFrom and timeTo");
        }
        if (timeTo == null) {
            throw new BadParameter("timeTo", "give the end of the time range");
        }
        if (timeFrom.isAfter(timeTo)) {
            throw new BadParameter("timeFrom", "timeFrom is after timeTo");
        }
        if ((long) (page + 1) * size > RecordSearch.SEARCH_WINDOW) {
            throw new BadParameter("page", "a time range is paged through its first " + RecordSearch.SEARCH_WINDOW
                    + " records; narrow the range");
        }
        return search.byTime(timeFrom, timeTo, RecordFilter.list(params, "source"), page, size);
    }

    @GetMapping("/api/reports/records")
    RecordSearch.Page records(@RequestParam Map<String, String> params) {
        RecordFilter filter = RecordFilter.parse(params, LocalDate.now(clock));
        return search.records(filter, page(params), size(params));
    }

    @ExceptionHandler(BadParameter.class)
    ResponseEntity<Map<String, String>> badParameter(BadParameter e) {
        return ResponseEntity.badRequest().body(Map.of("parameter", e.parameter(), "message", e.getMessage()));
    }

    private static int page(Map<String, String> params) {
        Integer page = RecordFilter.integer(params, "page", 0, Integer.MAX_VALUE / MAX_SIZE);
        return page == null ? 0 : page;
    }

    private static int size(Map<String, String> params) {
        Integer size = RecordFilter.integer(params, "size", 1, MAX_SIZE);
        return size == null ? DEFAULT_SIZE : size;
    }
}
