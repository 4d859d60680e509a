package com.reconflow.audit;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import com.reconflow.config.Db;
import com.reconflow.config.ReconProperties;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static com.reconflow.audit.AuditEntry.RECONFLOW;
import static com.reconflow.audit.AuditEntry.SYSTEM;

/**
 * ReconFlow's own records as audit entries: imports (or, for an order, the file and line of each of its
 * records), runs, matches, proposals and manual pairs, discrepancies and what became of them, and the
 * review's event log. Each source is one query that applies every filter it can, oldest first, limited.
 */
@Repository
class ReconFlowTrail {

    private static final int IN_CHUNK = 1000;

    private final JdbcClient jdbc;
    private final ZoneId zone;

    ReconFlowTrail(JdbcClient jdbc, ReconProperties properties) {
        this.jdbc = jdbc;
        this.zone = properties.zone();
    }

    // ---------------------------------------------------------------------------------------------- scope

    AuditScope resolve(AuditQuery query, int limit) {
        AuditScope.Run run = query.runId() == null ? null : run(query.runId())
                .orElseThrow(() -> new NoSuchElementException("no run #" + query.runId()));
        AuditScope.Order order = query.orderNo() == null ? null : order(query.orderNo(), limit);
        return new AuditScope(query, run, order);
    }

    private Optional<AuditScope.Run> run(long id) {
        return jdbc.sql("SELECT id, business_date, process_instance_id, started_at, archived_at FROM recon_run WHERE id = ?")
                .param(id)
                .query((rs, n) -> new AuditScope.Run(rs.getLong("id"), rs.getObject("business_date", LocalDate.class),
                        rs.getString("process_instance_id"), instant(rs, "started_at"), instant(rs, "archived_at")))
                .optional();
    }

    /** The order's records by the order_no index, their counterparts and discrepancies by record ids. */
    private AuditScope.Order order(String orderNo, int limit) {
        List<Long> own = jdbc.sql("SELECT id FROM recon_record WHERE order_no = :orderNo ORDER BY id LIMIT :limit")
                .param("orderNo", orderNo).param("limit", limit).query(Long.class).list();
        TreeSet<Long> related = new TreeSet<>(own);
        TreeSet<Long> runIds = new TreeSet<>();
        if (!own.isEmpty()) {
            related.addAll(jdbc.sql("""
                    SELECT payment_record_id FROM recon_match WHERE order_record_id IN (:ids)
                    UNION SELECT order_record_id FROM recon_match WHERE payment_record_id IN (:ids)
                    UNION SELECT payment_record_id FROM recon_proposal WHERE order_record_id IN (:ids)
                    UNION SELECT order_record_id FROM recon_proposal WHERE payment_record_id IN (:ids)
                    UNION SELECT payment_record_id FROM recon_manual_pair WHERE order_record_id IN (:ids)
                    UNION SELECT order_record_id FROM recon_manual_pair WHERE payment_record_id IN (:ids)""")
                    .param("ids", own).query(Long.class).list());
            runIds.addAll(jdbc.sql("""
                    SELECT run_id FROM recon_match WHERE order_record_id IN (:ids)
                    UNION SELECT run_id FROM recon_match WHERE payment_record_id IN (:ids)""")
                    .param("ids", own).query(Long.class).list());
        }
        if (!related.isEmpty()) {
            runIds.addAll(jdbc.sql("""
                    SELECT r.id FROM recon_run r
                    WHERE r.business_date IN (SELECT DISTINCT business_date FROM recon_record WHERE id IN (:ids))""")
                    .param("ids", related).query(Long.class).list());
        }
        Map<Long, AuditScope.Case> cases = new TreeMap<>();
        RowMapper<AuditScope.Case> toCase = (rs, n) -> new AuditScope.Case(rs.getLong("id"), rs.getLong("run_id"),
                rs.getObject("business_date", LocalDate.class), rs.getString("task_id"));
        String cases0 = "SELECT d.id, d.run_id, d.task_id, r.business_date FROM recon_discrepancy d "
                + "JOIN recon_run r ON r.id = d.run_id WHERE ";
        jdbc.sql(cases0 + "d.order_no = :orderNo ORDER BY d.id LIMIT :limit")
                .param("orderNo", orderNo).param("limit", limit).query(toCase).list()
                .forEach(c -> cases.put(c.discrepancyId(), c));
        if (!own.isEmpty()) {
            for (String column : List.of("d.record_id", "d.counter_record_id")) {
                jdbc.sql(cases0 + column + " IN (:ids) ORDER BY d.id LIMIT :limit")
                        .param("ids", own).param("limit", limit).query(toCase).list()
                        .forEach(c -> cases.put(c.discrepancyId(), c));
            }
        }
        cases.values().forEach(c -> runIds.add(c.runId()));
        return new AuditScope.Order(orderNo, List.copyOf(own), List.copyOf(related), List.copyOf(cases.values()),
                List.copyOf(runIds));
    }

    // -------------------------------------------------------------------------------------------- sources

    void read(AuditScope scope, AuditTrail.Collector out) {
        if (scope.order() != null && scope.order().isEmpty()) {
            return;
        }
        if (scope.order() == null) {
            imports(scope, out);
        } else {
            recordImports(scope, out);
        }
        runs(scope, out);
        if (scope.query().admitsSystem()) {
            if (scope.order() != null) {
                orderMatches(scope, out);
            } else if (scope.run() != null) {
                runMatches(scope, out);
            }
        }
        proposals(scope, out);
        manualPairs(scope, out);
        discrepancies(scope, out);
        reviewEvents(scope, out);
    }

    /** Files imported: who brought which file when, and how many of its rows came in. */
    private void imports(AuditScope scope, AuditTrail.Collector out) {
        Select select = new Select("""
                SELECT i.id, i.source, i.format, i.file_name, i.business_date, i.status, i.rows_accepted,
                       i.rows_rejected, i.rows_duplicate, i.corrects_import_id, i.imported_by, i.imported_at,
                       r.id AS run_id
                FROM recon_import i LEFT JOIN recon_run r ON r.business_date = i.business_date""");
        if (scope.run() != null) {
            select.and("i.business_date = :day", "day", scope.run().businessDate());
        }
        select.actor("i.imported_by", scope.query()).period("i.imported_at", scope.query());
        out.add(select.list("imported_at", "i.imported_at, i.id", out.readLimit()), Row::at, row -> List.of(entry(row,
                row.text("imported_by"), "IMPORTED", row.longValue("run_id"), row.date("business_date"), null, null,
                row.text("file_name"),
                "import #" + row.longValue("id") + " of " + row.text("source") + " (" + row.text("format") + "): "
                        + row.text("status") + ", " + row.integer("rows_accepted") + " rows accepted, "
                        + row.integer("rows_rejected") + " rejected, " + row.integer("rows_duplicate") + " duplicate"
                        + (row.longValue("corrects_import_id") == null ? ""
                        : "; corrects import #" + row.longValue("corrects_import_id")))));
    }

    /** For an order: each of its records (and their counterparts) with the file, line and import it came from. */
    private void recordImports(AuditScope scope, AuditTrail.Collector out) {
        List<Row> rows = new ArrayList<>();
        for (List<Long> ids : chunks(scope.order().relatedRecordIds())) {
            Select select = new Select("""
                    SELECT rec.id, rec.kind, rec.source, rec.format, rec.business_date, rec.order_no, rec.txn_id,
                           rec.amount, rec.currency, rec.status, rec.line_no, i.id AS import_id, i.file_name,
                           i.rows_accepted, i.rows_rejected, i.imported_by, i.imported_at, r.id AS run_id
                    FROM recon_record rec JOIN recon_import i ON i.id = rec.import_id
                    LEFT JOIN recon_run r ON r.business_date = rec.business_date""")
                    .and("rec.id IN (:ids)", "ids", ids)
                    .actor("i.imported_by", scope.query()).period("i.imported_at", scope.query());
            rows.addAll(select.list("imported_at", "i.imported_at, rec.id", out.readLimit()));
        }
        rows.sort(Row.BY_TIME);
        out.add(rows, Row::at, row -> List.of(entry(row, row.text("imported_by"), "RECORD_IMPORTED",
                row.longValue("run_id"), row.date("business_date"), row.text("order_no"), null,
                row.text("file_name") + " line " + row.integer("line_no"),
                row.text("kind") + (row.text("order_no") == null ? "" : " " + row.text("order_no"))
                        + (row.text("txn_id") == null ? "" : " txn " + row.text("txn_id")) + " "
                        + money(row.decimal("amount")) + " " + row.text("currency")
                        + (row.text("status") == null ? "" : " " + row.text("status")) + ", record #"
                        + row.longValue("id") + " of import #" + row.longValue("import_id") + " ("
                        + row.text("source") + ", " + row.text("format") + ": " + row.integer("rows_accepted")
                        + " rows accepted, " + row.integer("rows_rejected") + " rejected)")));
    }

    /** A run's stages: small table, one row a business day, read whole for the runs in scope. */
    private void runs(AuditScope scope, AuditTrail.Collector out) {
        Select select = new Select("""
                SELECT id, business_date, sources, started_by, started_at, rules_version, matched_at, archived_at
                FROM recon_run""");
        if (scope.run() != null) {
            select.and("id = :runId", "runId", scope.run().id());
        }
        if (scope.order() != null) {
            if (scope.order().runIds().isEmpty()) {
                return;
            }
            select.and("id IN (:runIds)", "runIds", scope.order().runIds());
        }
        List<AuditEntry> entries = new ArrayList<>();
        for (Row row : select.list("started_at", "id", Integer.MAX_VALUE - 1)) {
            long id = row.longValue("id");
            LocalDate day = row.date("business_date");
            String subject = "run #" + id + " of " + day;
            entries.add(entry(row.time("started_at"), row.text("started_by"), "RUN_STARTED", id, day, null, null,
                    subject, "waits for " + row.text("sources").replace(",", ", ")));
            if (row.time("matched_at") != null) {
                entries.add(entry(row.time("matched_at"), SYSTEM, "RUN_MATCHED", id, day, null, null, subject,
                        "matched with rules version " + row.text("rules_version")));
            }
            if (row.time("archived_at") != null) {
                entries.add(entry(row.time("archived_at"), SYSTEM, "RUN_ARCHIVED", id, day, null, null, subject,
                        "every discrepancy closed, report archived"));
            }
        }
        out.addAll(entries);
    }

    /**
     * An order's matches, one entry per run and order. A match keeps no time of its own: it is dated by the
     * later of its run's first matching and the imports of its two records, the earliest it can have been made.
     */
    private void orderMatches(AuditScope scope, AuditTrail.Collector out) {
        List<Long> own = scope.order().recordIds();
        if (own.isEmpty()) {
            return;
        }
        Map<Long, Row> matches = new TreeMap<>();
        for (String column : List.of("m.order_record_id", "m.payment_record_id")) {
            for (List<Long> ids : chunks(own)) {
                jdbc.sql("""
                        SELECT m.id, m.run_id, m.match_kind, m.rule_id, m.rules_version, m.basis, m.tolerance,
                               m.superseded_at, m.order_record_id, m.payment_record_id, o.order_no,
                               o.source AS order_source, p.source AS payment_source, p.txn_id AS payment_txn_id,
                               r.business_date, r.matched_at, oi.imported_at AS order_imported_at,
                               pim.imported_at AS payment_imported_at
                        FROM recon_match m JOIN recon_record o ON o.id = m.order_record_id
                        JOIN recon_import oi ON oi.id = o.import_id
                        JOIN recon_record p ON p.id = m.payment_record_id
                        JOIN recon_import pim ON pim.id = p.import_id
                        JOIN recon_run r ON r.id = m.run_id
                        WHERE\s""" + column + " IN (:ids)")
                        .param("ids", ids).query(rows("matched_at")).list()
                        .forEach(row -> matches.put(row.longValue("id"), row));
            }
        }
        Map<List<Object>, List<Row>> byRunAndOrder = new LinkedHashMap<>();
        matches.values().forEach(row -> byRunAndOrder.computeIfAbsent(
                java.util.Arrays.asList(row.longValue("run_id"), row.text("order_no")), k -> new ArrayList<>()).add(row));
        List<AuditEntry> entries = new ArrayList<>();
        byRunAndOrder.forEach((key, rows) -> {
            Instant at = rows.stream().map(row -> latest(row.time("matched_at"), row.time("order_imported_at"),
                    row.time("payment_imported_at"))).max(Instant::compareTo).orElseThrow();
            Row first = rows.get(0);
            List<String> details = rows.stream().map(row -> row.text("match_kind") + " by rule "
                    + row.text("rule_id") + " (rules " + row.text("rules_version")
                    + (row.text("basis") == null ? "" : ", " + row.text("basis"))
                    + (row.decimal("tolerance") == null ? "" : ", tolerance " + money(row.decimal("tolerance")))
                    + "): " + row.text("order_source") + " record #" + row.longValue("order_record_id") + " with "
                    + row.text("payment_source") + " record #" + row.longValue("payment_record_id")
                    + (row.text("payment_txn_id") == null ? "" : " (txn " + row.text("payment_txn_id") + ")")
                    + (row.time("superseded_at") == null ? ""
                    : ", superseded " + at(row.time("superseded_at")))).toList();
            entries.add(entry(at, SYSTEM, "MATCHED", first.longValue("run_id"), first.date("business_date"),
                    first.text("order_no"), null, "order " + first.text("order_no"), String.join("; ", details)));
        });
        out.addAll(entries);
    }

    /** A run's matches in one entry: how many of each kind by which rule, so that a big day stays one line. */
    private void runMatches(AuditScope scope, AuditTrail.Collector out) {
        AuditScope.Run run = scope.run();
        Instant matchedAt = jdbc.sql("SELECT matched_at FROM recon_run WHERE id = ?").param(run.id())
                .query((rs, n) -> instant(rs, "matched_at")).optional().orElse(null);
        if (matchedAt == null) {
            return;
        }
        List<String> kinds = new ArrayList<>();
        long[] totals = new long[2];
        jdbc.sql("""
                SELECT match_kind, rule_id, COUNT(*) AS matches, COUNT(superseded_at) AS superseded
                FROM recon_match WHERE run_id = ? GROUP BY match_kind, rule_id ORDER BY match_kind, rule_id""")
                .param(run.id())
                .query(rs -> {
                    kinds.add(rs.getString("match_kind") + " " + rs.getLong("matches") + " (rule "
                            + rs.getString("rule_id") + ")");
                    totals[0] += rs.getLong("matches");
                    totals[1] += rs.getLong("superseded");
                });
        if (totals[0] == 0) {
            return;
        }
        out.addAll(List.of(entry(matchedAt, SYSTEM, "MATCHED", run.id(), run.businessDate(), null, null,
                "run #" + run.id() + " of " + run.businessDate(), totals[0] + " matches: " + String.join(", ", kinds)
                        + (totals[1] == 0 ? "" : "; " + totals[1] + " of them superseded by a later matching"))));
    }

    /** Proposed pairs a person (or a later matching) decided on. */
    private void proposals(AuditScope scope, AuditTrail.Collector out) {
        Select select = new Select("""
                SELECT p.id, p.run_id, p.confidence, p.rule_id, p.rules_version, p.basis, p.status, p.decided_by,
                       p.decided_at, p.decision_comment, p.order_record_id, p.payment_record_id, o.order_no,
                       y.txn_id, r.business_date
                FROM recon_proposal p JOIN recon_record o ON o.id = p.order_record_id
                JOIN recon_record y ON y.id = p.payment_record_id JOIN recon_run r ON r.id = p.run_id""")
                .and("p.decided_at IS NOT NULL");
        if (!pairScope(select, "p", scope)) {
            return;
        }
        select.actor("p.decided_by", scope.query()).period("p.decided_at", scope.query());
        out.add(select.list("decided_at", "p.decided_at, p.id", out.readLimit()), Row::at, row -> List.of(entry(row,
                row.text("decided_by"), "PROPOSAL_" + row.text("status"), row.longValue("run_id"),
                row.date("business_date"), row.text("order_no"), null,
                "proposal #" + row.longValue("id") + ": order record #" + row.longValue("order_record_id") + " ("
                        + row.text("order_no") + ") and payment record #" + row.longValue("payment_record_id")
                        + (row.text("txn_id") == null ? "" : " (txn " + row.text("txn_id") + ")"),
                "confidence " + row.decimal("confidence").toPlainString() + " by rule " + row.text("rule_id")
                        + " (rules " + row.text("rules_version") + ", " + row.text("basis") + "): "
                        + row.text("decision_comment"))));
    }

    /** People's links and separations of an order and a payment, with their reasons. */
    private void manualPairs(AuditScope scope, AuditTrail.Collector out) {
        Select select = new Select("""
                SELECT mp.id, mp.run_id, mp.action, mp.reason, mp.decided_by, mp.decided_at, mp.order_record_id,
                       mp.payment_record_id, o.order_no, y.txn_id, r.business_date
                FROM recon_manual_pair mp JOIN recon_record o ON o.id = mp.order_record_id
                JOIN recon_record y ON y.id = mp.payment_record_id JOIN recon_run r ON r.id = mp.run_id""");
        if (!pairScope(select, "mp", scope)) {
            return;
        }
        select.actor("mp.decided_by", scope.query()).period("mp.decided_at", scope.query());
        out.add(select.list("decided_at", "mp.decided_at, mp.id", out.readLimit()), Row::at, row -> List.of(entry(row,
                row.text("decided_by"), "LINK".equals(row.text("action")) ? "LINKED" : "SEPARATED",
                row.longValue("run_id"), row.date("business_date"), row.text("order_no"), null,
                "order record #" + row.longValue("order_record_id") + " (" + row.text("order_no")
                        + ") and payment record #" + row.longValue("payment_record_id")
                        + (row.text("txn_id") == null ? "" : " (txn " + row.text("txn_id") + ")"),
                row.text("reason"))));
    }

    /** An order's proposals and pairs are those of its own records (foreign-key indexes); a run's by run. */
    private static boolean pairScope(Select select, String alias, AuditScope scope) {
        if (scope.order() != null) {
            if (scope.order().recordIds().isEmpty()) {
                return false;
            }
            select.and("(" + alias + ".order_record_id IN (:own) OR " + alias + ".payment_record_id IN (:own))",
                    "own", scope.order().recordIds());
        }
        if (scope.run() != null) {
            select.and(alias + ".run_id = :runId", "runId", scope.run().id());
        }
        return true;
    }

    // -------------------------------------------------------------------------------------- discrepancies

    /** What a discrepancy's own row says happened to it, each with the time column it is dated by. */
    private enum Fact {
        RAISED("d.review_opened_at", null, null),
        DECIDED("d.decided_at", "d.decided_by", "d.decided_at IS NOT NULL"),
        APPROVED("d.approved_at", "d.approved_by", "d.approved_at IS NOT NULL"),
        CARRIED("d.carried_at", null, "d.carried_at IS NOT NULL");

        final String time;
        final String actor;
        final String condition;

        Fact(String time, String actor, String condition) {
            this.time = time;
            this.actor = actor;
            this.condition = condition;
        }
    }

    private void discrepancies(AuditScope scope, AuditTrail.Collector out) {
        for (Fact fact : Fact.values()) {
            if (fact.actor == null && !scope.query().admitsSystem()) {
                continue;
            }
            Select select = new Select("""
                    SELECT d.id, d.run_id, d.type, d.rule_id, d.rules_version, d.basis, d.tolerance, d.source,
                           d.counter_source, d.order_no, d.txn_id, d.expected, d.actual, d.difference, d.status,
                           d.candidate_group, d.decision, d.decision_comment, d.decided_by, d.decided_at,
                           d.approved_by, d.approved_at, d.carried_at, d.resolution_rule, d.review_opened_at,
                           r.business_date, COALESCE(d.review_opened_at, r.matched_at) AS raised_at
                    FROM recon_discrepancy d JOIN recon_run r ON r.id = d.run_id""");
            if (fact.condition != null) {
                select.and(fact.condition);
            }
            if (!caseScope(select, "d.id", "d.run_id", scope)) {
                return;
            }
            if (fact.actor != null) {
                select.actor(fact.actor, scope.query());
            }
            select.period(fact.time, scope.query());
            // A discrepancy superseded before its review was opened is dated by its run's matching.
            String time = fact == Fact.RAISED ? "raised_at" : fact.time.substring(2);
            List<Row> rows = select.list(time, time + ", d.id", out.readLimit());
            Map<Long, List<EventSeen>> events = eventsOf(rows.stream().map(row -> row.longValue("id")).toList());
            out.add(rows, Row::at, row -> discrepancyEntry(fact, row, events.getOrDefault(row.longValue("id"), List.of())));
        }
    }

    private List<AuditEntry> discrepancyEntry(Fact fact, Row d, List<EventSeen> events) {
        String action;
        String actor;
        String detail;
        switch (fact) {
            case RAISED -> {
                action = "DISCREPANCY_RAISED";
                actor = SYSTEM;
                detail = "rule " + d.text("rule_id") + " (rules " + d.text("rules_version")
                        + (d.text("basis") == null ? "" : ", " + d.text("basis"))
                        + (d.decimal("tolerance") == null ? "" : ", tolerance " + money(d.decimal("tolerance")))
                        + "): expected " + money(d.decimal("expected")) + ", actual " + money(d.decimal("actual"))
                        + ", difference " + money(d.decimal("difference")) + "; " + d.text("source")
                        + (d.text("counter_source") == null ? "" : " against " + d.text("counter_source"))
                        + (d.text("candidate_group") == null ? "" : "; for review by " + d.text("candidate_group"));
            }
            case DECIDED -> {
                actor = d.text("decided_by");
                boolean superseded = "SUPERSEDED".equals(d.text("status"));
                boolean auto = d.text("resolution_rule") != null || "AUTO_RESOLVED".equals(d.text("decision"));
                action = superseded ? "DISCREPANCY_SUPERSEDED" : auto ? "DISCREPANCY_AUTO_RESOLVED" : "DISCREPANCY_DECIDED";
                String said = d.text("decision_comment");
                detail = (d.text("decision") == null ? "" : d.text("decision") + ": ")
                        + (auto && d.text("resolution_rule") != null ? "rule " + d.text("resolution_rule")
                        + (said == null ? "" : ", ") : "") + (said == null ? "" : said);
                // The review's event log records the same decision: shown once, from there, when it says as much.
                String kind = superseded ? "WITHDRAWN" : auto ? "AUTO_RESOLVED" : "DECIDED";
                String essential = superseded ? "" : auto ? Objects.toString(d.text("resolution_rule"), "")
                        : Objects.toString(said, "");
                if (events.stream().anyMatch(e -> e.says(kind, actor, essential))) {
                    return List.of();
                }
            }
            case APPROVED -> {
                action = "DISCREPANCY_APPROVED";
                actor = d.text("approved_by");
                detail = "approved the decision " + d.text("decision") + " of " + d.text("decided_by");
                if (events.stream().anyMatch(e -> e.says("APPROVED", actor, ""))) {
                    return List.of();
                }
            }
            case CARRIED -> {
                action = "DISCREPANCY_CARRIED";
                actor = SYSTEM;
                detail = "still open at the run's cut-off: carried into the next run";
                if (events.stream().anyMatch(e -> e.says("CARRIED", null, ""))) {
                    return List.of();
                }
            }
            default -> throw new IllegalStateException(fact.name());
        }
        return List.of(entry(d.at(), actor, action, d.longValue("run_id"), d.date("business_date"),
                d.text("order_no"), d.longValue("id"), discrepancySubject(d.longValue("id"), d.text("type"),
                        d.text("order_no"), d.text("txn_id")), detail));
    }

    /** An event of the review's log, to tell whether it records what a discrepancy's row records. */
    private record EventSeen(String kind, String actor, String detail) {

        boolean says(String kind, String actor, String essential) {
            return this.kind.equals(kind) && (actor == null || actor.equals(this.actor))
                    && (essential.isEmpty() || (detail != null && detail.contains(essential)));
        }
    }

    private Map<Long, List<EventSeen>> eventsOf(List<Long> discrepancyIds) {
        Map<Long, List<EventSeen>> events = new HashMap<>();
        for (List<Long> ids : chunks(new TreeSet<>(discrepancyIds))) {
            jdbc.sql("SELECT discrepancy_id, event, actor, detail FROM recon_review_event WHERE discrepancy_id IN (:ids)")
                    .param("ids", ids)
                    .query(rs -> {
                        events.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                                .add(new EventSeen(rs.getString(2), rs.getString(3), rs.getString(4)));
                    });
        }
        return events;
    }

    /** The review's event log: every step of a discrepancy's review, as the review wrote it. */
    private void reviewEvents(AuditScope scope, AuditTrail.Collector out) {
        Select select = new Select("""
                SELECT e.id, e.discrepancy_id, e.run_id, e.event, e.actor, e.detail, e.occurred_at, d.type,
                       d.order_no, d.txn_id, r.business_date
                FROM recon_review_event e JOIN recon_discrepancy d ON d.id = e.discrepancy_id
                JOIN recon_run r ON r.id = e.run_id""");
        if (!caseScope(select, "e.discrepancy_id", "e.run_id", scope)) {
            return;
        }
        select.actor("e.actor", scope.query()).period("e.occurred_at", scope.query());
        out.add(select.list("occurred_at", "e.occurred_at, e.id", out.readLimit()), Row::at, row -> List.of(entry(row,
                row.text("actor"), "REVIEW_" + row.text("event"),
                row.longValue("run_id"), row.date("business_date"), row.text("order_no"),
                row.longValue("discrepancy_id"), discrepancySubject(row.longValue("discrepancy_id"),
                        row.text("type"), row.text("order_no"), row.text("txn_id")), row.text("detail"))));
    }

    private static boolean caseScope(Select select, String idColumn, String runColumn, AuditScope scope) {
        if (scope.order() != null) {
            if (scope.order().cases().isEmpty()) {
                return false;
            }
            select.and(idColumn + " IN (:cases)", "cases", scope.order().discrepancyIds());
        }
        if (scope.run() != null) {
            select.and(runColumn + " = :runId", "runId", scope.run().id());
        }
        return true;
    }

    private static String discrepancySubject(long id, String type, String orderNo, String txnId) {
        return "discrepancy #" + id + " " + type + " " + key(orderNo, txnId);
    }

    private static String key(String orderNo, String txnId) {
        return orderNo != null ? "order " + orderNo : "payment " + txnId;
    }

    // ---------------------------------------------------------------------------------------------- rows

    /** A query with the filters the caller gives, ordered by its time and limited. */
    private final class Select {

        private final StringBuilder sql;
        private final Map<String, Object> params = new HashMap<>();

        Select(String base) {
            sql = new StringBuilder(base).append(" WHERE 1 = 1");
        }

        Select and(String condition) {
            sql.append(" AND ").append(condition);
            return this;
        }

        Select and(String condition, String name, Object value) {
            params.put(name, value);
            return and(condition);
        }

        /** Entries of a person: this column names them. */
        Select actor(String column, AuditQuery query) {
            return query.user() == null ? this : and(column + " = :user", "user", query.user());
        }

        Select period(String column, AuditQuery query) {
            if (query.from() != null) {
                and(column + " >= :from", "from", Db.utc(query.from()));
            }
            if (query.to() != null) {
                and(column + " < :to", "to", Db.utc(query.to()));
            }
            return this;
        }

        /** The rows, dated by the column labelled {@code time}, in the given order, at most {@code limit}. */
        List<Row> list(String time, String orderBy, int limit) {
            params.put("limit", limit);
            return jdbc.sql(sql + " ORDER BY " + orderBy + " LIMIT :limit").params(params).query(rows(time)).list();
        }
    }

    /** A result row by column name, and the time it is dated by. */
    private static final class Row {

        static final java.util.Comparator<Row> BY_TIME = java.util.Comparator.comparing(Row::at);

        private final Map<String, Object> values;
        private final Instant at;

        Row(Map<String, Object> values, Instant at) {
            this.values = values;
            this.at = at;
        }

        Instant at() {
            return at;
        }

        String text(String column) {
            Object value = values.get(column);
            return value == null ? null : value.toString();
        }

        Long longValue(String column) {
            Object value = values.get(column);
            return value == null ? null : ((Number) value).longValue();
        }

        Integer integer(String column) {
            Object value = values.get(column);
            return value == null ? null : ((Number) value).intValue();
        }

        BigDecimal decimal(String column) {
            return (BigDecimal) values.get(column);
        }

        LocalDate date(String column) {
            return (LocalDate) values.get(column);
        }

        Instant time(String column) {
            return (Instant) values.get(column);
        }
    }

    /** Columns by their lower-case label, dates and times converted; dated by the column labelled {@code time}. */
    private static RowMapper<Row> rows(String time) {
        return (rs, rowNum) -> {
            var meta = rs.getMetaData();
            Map<String, Object> values = new HashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                Object value = switch (meta.getColumnType(i)) {
                    case java.sql.Types.DATE -> rs.getObject(i, LocalDate.class);
                    case java.sql.Types.TIMESTAMP -> Db.instant(rs.getObject(i, LocalDateTime.class));
                    case java.sql.Types.DECIMAL, java.sql.Types.NUMERIC -> rs.getBigDecimal(i);
                    default -> rs.getObject(i);
                };
                values.put(meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), value);
            }
            return new Row(values, (Instant) values.get(time));
        };
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return Db.instant(rs.getObject(column, LocalDateTime.class));
    }

    private AuditEntry entry(Row row, String actor, String action, Long runId, LocalDate day, String orderNo,
                             Long discrepancyId, String subject, String detail) {
        return entry(row.at(), actor, action, runId, day, orderNo, discrepancyId, subject, detail);
    }

    private AuditEntry entry(Instant at, String actor, String action, Long runId, LocalDate day, String orderNo,
                             Long discrepancyId, String subject, String detail) {
        return new AuditEntry(at(at), actor, action, runId, day, orderNo, discrepancyId, subject, detail, RECONFLOW);
    }

    private OffsetDateTime at(Instant instant) {
        return instant.atZone(zone).toOffsetDateTime();
    }

    private static Instant latest(Instant... instants) {
        Instant latest = null;
        for (Instant instant : instants) {
            if (instant != null && (latest == null || instant.isAfter(latest))) {
                latest = instant;
            }
        }
        return latest;
    }

    private static String money(BigDecimal value) {
        return value == null ? "-" : value.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static <T> List<List<T>> chunks(Collection<T> values) {
        List<T> all = List.copyOf(values);
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IN_CHUNK) {
            chunks.add(all.subList(i, Math.min(all.size(), i + IN_CHUNK)));
        }
        return chunks;
    }
}
