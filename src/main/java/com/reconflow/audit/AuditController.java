package com.reconflow.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import com.reconflow.config.ReconProperties;
import com.reconflow.security.CurrentUser;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/audit}: who did what when, about an order, a run, by a person or in a period, from
 * ReconFlow's records and Camunda's history; JSON, or a CSV or Excel file to download. Only auditors,
 * finance managers and administrators may read it (see the security configuration).
 */
@RestController
class AuditController {

    /** Set when the trail holds the oldest {@code limit} entries of more: narrow the filters for the rest. */
    static final String CAPPED_HEADER = "X-Audit-Capped";
    static final String LIMIT_HEADER = "X-Audit-Row-Limit";

    private final AuditService audit;
    private final CurrentUser currentUser;
    private final ZoneId zone;
    private final Clock clock;

    AuditController(AuditService audit, CurrentUser currentUser, ReconProperties properties, Clock clock) {
        this.audit = audit;
        this.currentUser = currentUser;
        this.zone = properties.zone();
        this.clock = clock;
    }

    @GetMapping("/api/audit")
    ResponseEntity<?> trail(@RequestParam(required = false) String orderNo,
                            @RequestParam(required = false) Long runId,
                            @RequestParam(required = false) String user,
                            @RequestParam(required = false) String from,
                            @RequestParam(required = false) String to,
                            @RequestParam(defaultValue = "json") String format) throws IOException {
        if (!List.of("json", "csv", "xlsx").contains(format)) {
            throw new IllegalArgumentException("format '" + format + "' is none of json, csv, xlsx");
        }
        AuditQuery query = AuditQuery.of(orderNo, runId, user, from, to, zone);
        AuditTrail trail = audit.trail(query);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .header(CAPPED_HEADER, Boolean.toString(trail.capped()))
                .header(LIMIT_HEADER, Integer.toString(trail.limit()))
                .header(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, CAPPED_HEADER + ", " + LIMIT_HEADER);
        if (format.equals("json")) {
            return response.contentType(MediaType.APPLICATION_JSON).body(trail.entries());
        }
        // At most the row limit: small enough to write whole before answering, so a failure is still a 500.
        var bytes = new ByteArrayOutputStream();
        if (format.equals("csv")) {
            AuditExport.csv(trail, bytes);
        } else {
            AuditExport.xlsx(trail, describe(query, trail), bytes);
        }
        String name = fileName(query, trail) + "." + format;
        return response
                .contentType(format.equals("csv") ? new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8)
                        : MediaType.parseMediaType(AuditExport.XLSX_TYPE))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(bytes.toByteArray());
    }

    /** What the workbook's Query sheet says: the filters, who asked when, and whether the trail was capped. */
    private List<String[]> describe(AuditQuery query, AuditTrail trail) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"orderNo", query.orderNo()});
        lines.add(new String[] {"runId", query.runId() == null ? null : query.runId().toString()});
        lines.add(new String[] {"user", query.user()});
        lines.add(new String[] {"from", query.from() == null ? null : query.from().atZone(zone).toOffsetDateTime().toString()});
        lines.add(new String[] {"to (exclusive)", query.to() == null ? null : query.to().atZone(zone).toOffsetDateTime().toString()});
        lines.add(new String[] {"asked by", currentUser.id()});
        lines.add(new String[] {"asked at", clock.instant().atZone(zone).toOffsetDateTime().toString()});
        lines.add(new String[] {"entries", Integer.toString(trail.entries().size())});
        lines.add(new String[] {"capped", trail.capped() ? "yes: only the oldest " + trail.limit()
                + " entries (or fewer, up to the time where a source stopped); narrow the filters for the rest" : "no"});
        return lines;
    }

    /** E.g. {@code audit-order-J1001}, {@code audit-run-12-user-finance}; a capped trail says so in its name. */
    private static String fileName(AuditQuery query, AuditTrail trail) {
        StringBuilder name = new StringBuilder("audit");
        if (query.orderNo() != null) {
            name.append("-order-").append(query.orderNo());
        }
        if (query.runId() != null) {
            name.append("-run-").append(query.runId());
        }
        if (query.user() != null) {
            name.append("-user-").append(query.user());
        }
        if (query.from() != null || query.to() != null) {
            name.append("-period");
        }
        if (trail.capped()) {
            name.append("-capped");
        }
        return name.toString().replaceAll("[^A-Za-z0-9._-]", "_");
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("message", e.getMessage()));
    }

    @ExceptionHandler(NoSuchElementException.class)
    ResponseEntity<Map<String, String>> notFound(NoSuchElementException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("message", e.getMessage()));
    }
}
