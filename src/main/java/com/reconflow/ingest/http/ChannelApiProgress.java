package com.reconflow.ingest.http;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;

import com.reconflow.config.Db;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Each connector's row in {@code recon_channel_api_progress}: where the next poll starts, and which
 * node polls it right now. Shared by all nodes, so nothing of it lives in memory.
 */
@Repository
class ChannelApiProgress {

    private final JdbcClient jdbc;

    ChannelApiProgress(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the connector for this node unless another node's claim is still running. One
     * conditional UPDATE: the database lets exactly one of several nodes change the row. No
     * transaction stays open while the API is called, so no connection or row lock is held for
     * minutes of paging and back-off.
     */
    boolean claim(String connectorId, String node, Instant now, Instant until) {
        ensureRow(connectorId);
        return jdbc.sql("""
                UPDATE recon_channel_api_progress SET claimed_by = ?, claimed_until = ?, last_attempt_at = ?
                WHERE connector_id = ? AND (claimed_by IS NULL OR claimed_until < ?)""")
                .params(node, Db.utc(until), Db.utc(now), connectorId, Db.utc(now))
                .update() == 1;
    }

    Optional<Instant> sinceMark(String connectorId) {
        return jdbc.sql("SELECT since_mark FROM recon_channel_api_progress WHERE connector_id = ?")
                .param(connectorId)
                .query((rs, n) -> Optional.ofNullable(Db.instant(rs.getObject(1, LocalDateTime.class))))
                .optional().flatMap(mark -> mark);
    }

    /**
     * Moves the mark and gives the claim back. Run in the import's transaction, a claim this node
     * has lost (it ran past claimed_until and another node took over) fails the import too.
     */
    void complete(String connectorId, String node, Instant nextSince, Long importId, Instant now) {
        int updated = jdbc.sql("""
                UPDATE recon_channel_api_progress
                SET since_mark = ?, last_import_id = CASE WHEN ? THEN ? ELSE last_import_id END,
                    last_success_at = ?, last_error = NULL, claimed_by = NULL, claimed_until = NULL
                WHERE connector_id = ? AND claimed_by = ?""")
                .params(Db.utc(nextSince), importId != null, importId == null ? 0L : importId, Db.utc(now),
                        connectorId, node)
                .update();
        if (updated != 1) {
            throw new ChannelApiException("channel API " + connectorId + ": node " + node
                    + " lost its claim on the connector while polling (the poll took longer than the claim timeout)"
                    + "; nothing was imported");
        }
    }

    /** Gives the claim back after a failed poll, the mark unchanged and the reason kept. */
    void fail(String connectorId, String node, String error) {
        jdbc.sql("""
                UPDATE recon_channel_api_progress SET last_error = ?, claimed_by = NULL, claimed_until = NULL
                WHERE connector_id = ? AND claimed_by = ?""")
                .params(truncate(error), connectorId, node)
                .update();
    }

    private void ensureRow(String connectorId) {
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM recon_channel_api_progress WHERE connector_id = ?")
                .param(connectorId).query(Long.class).single() > 0;
        if (!exists) {
            try {
                jdbc.sql("INSERT INTO recon_channel_api_progress (connector_id) VALUES (?)")
                        .param(connectorId).update();
            } catch (DuplicateKeyException anotherNodeWasFirst) {
                // The row is there: that is all this wanted.
            }
        }
    }

    private static String truncate(String error) {
        String s = error == null ? "unknown error" : error;
        return s.length() <= 1000 ? s : s.substring(0, 997) + "...";
    }
}
