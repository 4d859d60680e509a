package com.reconflow.report;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/dashboard/overview?from&to&source&store}: what the dashboard page shows. */
@RestController
class DashboardController {

    private final DashboardService dashboard;

    DashboardController(DashboardService dashboard) {
        this.dashboard = dashboard;
    }

    @GetMapping("/api/dashboard/overview")
    Map<String, Object> overview(@RequestParam Map<String, String> params) {
        return dashboard.overview(params);
    }

    @ExceptionHandler(SummaryQuery.BadParameter.class)
    ResponseEntity<Map<String, String>> badParameter(SummaryQuery.BadParameter e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("parameter", e.parameter, "message",
                e.getMessage()));
    }
}
