package com.reconflow.review;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import com.reconflow.config.Db;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The review's own audit trail: one row per thing that happened to a discrepancy, in the business's
 * words (who decided, who approved, when it escalated), beside the engine's history.
 */
@Repository
public class ReviewEvents {

    /** What can happen in a discrepancy's review. */
    public enum Kind {
        OPENED, AUTO_RESOLVED, DECIDED, APPROVED, REJECTED, REASSIGNED, REMINDED, ESCALATED, CARRIED, APPLIED,
        WITHDRAWN
    }

    public record Event(long id, long discrepancyId, long runId, Kind kind, String actor, String detail,
                        Instant occurredAt) {
    }

    private final JdbcClient jdbc;

    ReviewEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(long discrepancyId, Kind kind, String actor, String detail, Instant at) {
        jdbc.sql("""
                INSERT INTO recon_review_event (discrepancy_id, run_id, event, actor, detail, occurred_at)
                SELECT id, run_id, ?, ?, ?, ? FROM recon_discrepancy WHERE id = ?""")
                .params(kind.name(), actor, Db.clip(detail, 2000), Db.utc(at), discrepancyId)
                .update();
    }

    public List<Event> ofDiscrepancy(long discrepancyId) {
        return jdbc.sql("SELECT * FROM recon_review_event WHERE discrepancy_id = ? ORDER BY id")
                .param(discrepancyId)
                .query((rs, n) -> new Event(rs.getLong("id"), rs.getLong("discrepancy_id"), rs.getLong("run_id"),
                        Kind.valueOf(rs.getString("event")), rs.getString("actor"), rs.getString("detail"),
                        Db.instant(rs.getObject("occurred_at", LocalDateTime.class))))
                .list();
    }
}
