package com.reconflow.matching;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.reconflow.config.Db;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** People's decisions that an order and a payment belong together, or never do. */
@Repository
public class ManualPairRepository {

    /** What a person decided about a pair. */
    public enum Action {
        LINK,
        SEPARATE
    }

    private final JdbcClient jdbc;

    ManualPairRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(long runId, RecordPair pair, Action action, String reason, String decidedBy, Instant at) {
        jdbc.sql("""
                INSERT INTO recon_manual_pair (run_id, order_record_id, payment_record_id, action, reason, decided_by,
                                               decided_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(runId, pair.orderId(), pair.paymentId(), action.name(), reason, decidedBy, Db.utc(at))
                .update();
    }

    /** The run's pairs as their latest decision left them. */
    ManualPairs of(long runId) {
        Map<RecordPair, String> latest = new HashMap<>();
        jdbc.sql("SELECT order_record_id, payment_record_id, action FROM recon_manual_pair WHERE run_id = ? ORDER BY id")
                .param(runId)
                .query(rs -> {
                    latest.put(new RecordPair(rs.getLong(1), rs.getLong(2)), rs.getString(3));
                });
        Set<RecordPair> linked = new HashSet<>();
        Set<RecordPair> separated = new HashSet<>();
        latest.forEach((pair, action) -> (Action.LINK.name().equals(action) ? linked : separated).add(pair));
        return new ManualPairs(linked, separated);
    }
}
