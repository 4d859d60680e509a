package com.reconflow.matching;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.reconflow.config.Db;
import com.reconflow.config.MultiRowInsert;
import com.reconflow.config.ReconProperties;
import com.reconflow.ingest.RecordKind;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapperResultSetExtractor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Runs the matcher over one business day's stored records and keeps the matches it made. */
@Service
public class DayMatching {

    private static final Logger log = LoggerFactory.getLogger(DayMatching.class);
    private static final int BATCH_SIZE = 1000;
    /** How many days after a business day its settlement may reach the bank statement. */
    private static final int SETTLEMENT_DAYS = 7;
    /**
     * A day is read along the primary key while its records fill at least half of the id range they
     * span; more thinly spread, through its date's index.
     */
    private static final int MAX_SPREAD = 2;
    /** From how many new matches on they are written in two halves side by side. */
    static final int SPLIT_STORE_FROM = 5_000;
    /**
     * The pending rows ({@code p}) carried into a day (parameters: the day, the run): still waiting,
     * or resolved by this very run when it matched before.
     */
    private static final String CARRIED = "p.since_date < ? AND (p.resolved_run_id IS NULL OR p.resolved_run_id = ?)";

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final MatchingRules rules;
    private final DayMatcher matcher;
    private final ZoneId zone;
    private final ManualPairRepository manualPairs;
    private final ProposalRepository proposals;
    private final Clock clock;
    /** Half of a big day's new matches is written on a connection and in a transaction of its own. */
    private final TransactionTemplate separately;
    /** See {@link Db#primaryKeyScan}; looked up once. */
    private volatile String primaryKeyHint;
    /**
     * Reads half of a day's records, and writes half of its new matches, on a second connection: records are
     * committed data, outside any run's lock, and matches are written in a transaction of their own. A thread
     * per task, so that runs matching on one node at once never wait for each other's half.
     */
    private final ExecutorService secondConnection = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "day-matching-beside");
        thread.setDaemon(true);
        return thread;
    });

    DayMatching(JdbcClient jdbc, JdbcTemplate jdbcTemplate, ReconProperties properties,
                ManualPairRepository manualPairs, ProposalRepository proposals, Clock clock,
                PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.separately = new TransactionTemplate(transactionManager);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.manualPairs = manualPairs;
        this.proposals = proposals;
        this.clock = clock;
        var m = properties.matching();
        this.rules = new MatchingRules(m.rulesVersion(), m.roundingTolerance(), m.feeRates(), m.feeTolerance(),
                m.mergedPrefix(), m.mergedSeparator(), m.payoutReferences(), m.timingWindow(), m.timingDays(),
                m.fallbackWindow(), m.fallbackMinConfidence());
        this.matcher = new DayMatcher(rules);
        this.zone = properties.zone();
    }

    /** A context closed in a running JVM (tests, a restart) leaves no thread of the second connection behind. */
    @PreDestroy
    void stopSecondConnection() {
        secondConnection.shutdown();
    }

    public MatchingRules rules() {
        return rules;
    }

    /**
     * Matches the day and brings what is stored in line with the result: new matches, proposals and
     * pending records are added, those that no longer hold are superseded (kept, not deleted), and
     * the rest is left untouched. Matching a day again without new data therefore changes nothing,
     * and after late data changes only what that data touches. The caller holds the run's lock.
     */
    public DayResult matchDay(long runId, LocalDate businessDate) {
        long started = System.nanoTime();
        List<LedgerEntry> records = loadDay(businessDate);
        // The bank credits the day's settlements later (T+1, later over holidays): those credits name the day.
        records.addAll(load("recon_record r WHERE r.business_date > ? AND r.business_date <= ? AND r.kind = 'PAYOUT' "
                        + "AND r.order_no LIKE ?", businessDate, businessDate.plusDays(SETTLEMENT_DAYS),
                "%" + MatchingRules.settlementSuffix(businessDate)));
        // Carried from earlier days.
        Map<Long, LocalDate> carried = new HashMap<>();
        jdbc.sql("SELECT p.record_id, p.since_date FROM recon_pending p WHERE " + CARRIED)
                .params(businessDate, runId)
                .query(rs -> {
                    carried.put(rs.getLong(1), rs.getObject(2, LocalDate.class));
                });
        records.addAll(load("recon_record r JOIN recon_pending p ON p.record_id = r.id WHERE " + CARRIED,
                businessDate, runId));

        long loaded = System.nanoTime();
        DayResult result = matcher.match(businessDate, records, carried, manualPairs.of(runId));
        long matched = System.nanoTime();
        Instant now = clock.instant();
        keepMatches(runId, result.matches(), now);
        keepPending(runId, businessDate, result.pending(), carried.keySet());
        proposals.keep(runId, rules.version(), result.proposals(), now);
        log.info("Matched {}: {} records read in {} ms, matched in {} ms, {} matches stored in {} ms", businessDate,
                records.size(), (loaded - started) / 1_000_000, (matched - loaded) / 1_000_000, result.matches().size(),
                (System.nanoTime() - matched) / 1_000_000);
        return result;
    }

    /** Whether the record is of that kind and one that matching the day looks at: of the day, or carried into it. */
    public boolean isOfDay(long runId, LocalDate businessDate, long recordId, RecordKind kind) {
        return jdbc.sql("SELECT COUNT(*) FROM recon_record r WHERE r.id = ? AND r.kind = ? AND (r.business_date = ? "
                        + "OR EXISTS (SELECT 1 FROM recon_pending p WHERE p.record_id = r.id AND " + CARRIED + "))")
                .params(recordId, kind.name(), businessDate, businessDate, runId)
                .query(Long.class).single() > 0;
    }

    private void keepMatches(long runId, List<Match> matches, Instant now) {
        Map<String, Long> stored = new HashMap<>();
        jdbc.sql("SELECT id, order_record_id, payment_record_id, match_kind, rule_id FROM recon_match "
                        + "WHERE run_id = ? AND superseded_at IS NULL")
                .param(runId)
                .query(rs -> {
                    stored.put(matchKey(rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5)), rs.getLong(1));
                });
        List<Match> fresh = stored.isEmpty() ? matches : new ArrayList<>();
        for (Match m : stored.isEmpty() ? List.<Match>of() : matches) {
            if (stored.remove(matchKey(m.order().id(), m.payment().id(), m.kind().name(), m.ruleId())) == null) {
                fresh.add(m);
            }
        }
        MultiRowInsert<Match> insert = new MultiRowInsert<Match>("recon_match", List.of("run_id", "match_kind",
                "rule_id", "rules_version", "basis", "tolerance", "order_record_id", "payment_record_id"), (ps, at, m) -> {
            ps.setLong(at + 1, runId);
            ps.setString(at + 2, m.kind().name());
            ps.setString(at + 3, m.ruleId());
            ps.setString(at + 4, rules.version());
            ps.setString(at + 5, Db.clip(m.basis(), 300));
            ps.setBigDecimal(at + 6, m.tolerance());
            ps.setLong(at + 7, m.order().id());
            ps.setLong(at + 8, m.payment().id());
        });
        if (fresh.size() < SPLIT_STORE_FROM) {
            insert.insert(jdbcTemplate, fresh);
        } else {
            insertInHalves(insert, fresh);
        }
        jdbcTemplate.batchUpdate("UPDATE recon_match SET superseded_at = ? WHERE id = ?",
                stored.values().stream().sorted().toList(), BATCH_SIZE, (ps, id) -> {
                    ps.setObject(1, Db.utc(now));
                    ps.setLong(2, id);
                });
    }

    /**
     * A million new matches take a database server longer to write than the rest of the stage together, and
     * one connection keeps one of its cores busy: the second half is written beside the first, on a connection
     * and in a transaction of its own, committed when it is written. Should the run's transaction fail after
     * that, the matches stay, as the run's matches that were found; the next attempt finds them stored and
     * writes only the rest, and supersedes any that no longer hold (see {@link #keepMatches}). Until the run
     * has matched, its matches may therefore be there in part.
     */
    private void insertInHalves(MultiRowInsert<Match> insert, List<Match> fresh) {
        int half = fresh.size() / 2;
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> separately.executeWithoutResult(tx ->
                insert.insert(jdbcTemplate, fresh.subList(half, fresh.size()))), secondConnection);
        RuntimeException failure = null;
        try {
            insert.insert(jdbcTemplate, fresh.subList(0, half));
        } catch (RuntimeException e) {
            failure = e;
        }
        // Never leave the other half writing after this transaction has given up.
        try {
            second.join();
        } catch (CompletionException e) {
            RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
            if (failure == null) {
                failure = cause;
            } else {
                failure.addSuppressed(cause);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static String matchKey(long orderId, long paymentId, String kind, String ruleId) {
        return orderId + "/" + paymentId + "/" + kind + "/" + ruleId;
    }

    /**
     * The records that wait for a later day: those this run found waiting (new ones start to wait,
     * those no longer waiting are resolved by this run) and those carried in from earlier days
     * (resolved by this run when matched or raised now, waiting again when no longer).
     */
    private void keepPending(long runId, LocalDate businessDate, List<Pending> pending, Set<Long> carried) {
        Map<Long, Long> stored = new HashMap<>();  // record -> resolving run (0 while waiting)
        jdbc.sql("SELECT record_id, resolved_run_id FROM recon_pending WHERE run_id = ? AND since_date = ? "
                        + "AND (resolved_run_id IS NULL OR resolved_run_id = ?)")
                .params(runId, businessDate, runId)
                .query(rs -> {
                    stored.put(rs.getLong(1), rs.getLong(2));
                });
        Set<Long> waiting = new HashSet<>();
        List<Pending> fresh = new ArrayList<>();
        for (Pending p : pending) {
            waiting.add(p.entry().id());
            if (!carried.contains(p.entry().id()) && !stored.containsKey(p.entry().id())) {
                fresh.add(p);
            }
        }
        jdbcTemplate.batchUpdate("INSERT INTO recon_pending (record_id, since_date, run_id) VALUES (?, ?, ?)",
                fresh, BATCH_SIZE, (ps, p) -> {
                    ps.setLong(1, p.entry().id());
                    ps.setObject(2, p.since());
                    ps.setLong(3, runId);
                });
        List<Long> resolved = new ArrayList<>();
        List<Long> waitingAgain = new ArrayList<>();
        Set<Long> known = new HashSet<>(carried);
        known.addAll(stored.keySet());
        for (long id : known.stream().sorted().toList()) {
            if (waiting.contains(id)) {
                waitingAgain.add(id);
            } else {
                resolved.add(id);
            }
        }
        jdbcTemplate.batchUpdate("UPDATE recon_pending SET resolved_run_id = ? WHERE record_id = ? "
                + "AND resolved_run_id IS NULL", resolved, BATCH_SIZE, (ps, id) -> {
                    ps.setLong(1, runId);
                    ps.setLong(2, id);
                });
        jdbcTemplate.batchUpdate("UPDATE recon_pending SET resolved_run_id = NULL WHERE record_id = ? "
                + "AND resolved_run_id = ?", waitingAgain, BATCH_SIZE, (ps, id) -> {
                    ps.setLong(1, id);
                    ps.setLong(2, runId);
                });
    }

    /**
     * The day's own records, read in two halves side by side: reading is most of a big day's cost. A
     * day's records are mostly stored together (its files are imported one after another), so they
     * are read along the primary key between the day's first and last record: an index lookup per
     * record would read every row's page again, out of order, and on H2 from the file each time. A
     * day whose records are spread thinly over the table (a late file weeks after) is read through
     * its date's index instead.
     */
    private List<LedgerEntry> loadDay(LocalDate businessDate) {
        long[] span = jdbc.sql("SELECT COUNT(*), MIN(id), MAX(id) FROM recon_record WHERE business_date = ?")
                .param(businessDate)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}).single();
        long count = span[0];
        long first = span[1];
        long last = span[2];
        CompletableFuture<List<LedgerEntry>> firstHalf;
        List<LedgerEntry> records;
        if (count > 0 && last - first + 1 <= MAX_SPREAD * count) {
            long middle = first + (last - first) / 2;
            String range = "recon_record r " + primaryKeyHint()
                    + " WHERE r.id >= ? AND r.id <= ? AND r.business_date = ?";
            firstHalf = CompletableFuture.supplyAsync(() -> load(range, first, middle, businessDate), secondConnection);
            records = new ArrayList<>(load(range, middle + 1, last, businessDate));
        } else {
            firstHalf = CompletableFuture.supplyAsync(() -> load(
                    "recon_record r WHERE r.business_date = ? AND r.kind = 'ORDER'", businessDate), secondConnection);
            records = new ArrayList<>(load("recon_record r WHERE r.business_date = ? AND r.kind <> 'ORDER'",
                    businessDate));
        }
        records.addAll(firstHalf.join());
        return records;
    }

    /** How the database walks {@code recon_record}'s primary key: the same for the application's whole life. */
    private String primaryKeyHint() {
        String hint = primaryKeyHint;
        if (hint == null) {
            hint = jdbcTemplate.execute((ConnectionCallback<String>) c -> Db.primaryKeyScan(c, "recon_record"));
            primaryKeyHint = hint;
        }
        return hint;
    }

    private List<LedgerEntry> load(String fromWhere, Object... params) {
        Repeated repeated = new Repeated();
        String sql = "SELECT r.id, r.kind, r.source, r.order_no, r.txn_id, r.amount, r.status, r.payment_method, "
                + "r.fee, r.refunded_amount, r.memo, r.occurred_at FROM " + fromWhere;
        return jdbcTemplate.query(connection -> Db.streaming(connection, sql), new ArgumentPreparedStatementSetter(params),
                new RowMapperResultSetExtractor<>((rs, n) -> {
            LocalDateTime occurredUtc = rs.getObject(12, LocalDateTime.class);
            return new LedgerEntry(rs.getLong(1), RecordKind.valueOf(rs.getString(2)),
                    repeated.text(rs.getString(3)), rs.getString(4), rs.getString(5),
                    repeated.amount(rs.getBigDecimal(6).setScale(2)), repeated.text(rs.getString(7)),
                    repeated.text(rs.getString(8)), rs.getBigDecimal(9), repeated.amount(rs.getBigDecimal(10)),
                    rs.getString(11),
                    occurredUtc == null ? null : repeated.time(Db.instant(occurredUtc).atZone(zone).toLocalDateTime()));
        }));
    }

    /**
     * A day holds a million records but repeats a handful of sources, statuses and methods, a few
     * thousand prices, one or two dates and at most 86,400 seconds: each value is kept once, which
     * roughly halves the memory a big day needs and with it the collector's work. Values are immutable.
     */
    private static final class Repeated {
        private final Map<String, String> texts = new HashMap<>();
        private final Map<BigDecimal, BigDecimal> amounts = new HashMap<>();
        private final Map<LocalDate, LocalDate> dates = new HashMap<>();
        private final LocalTime[] seconds = new LocalTime[24 * 60 * 60];

        String text(String value) {
            return value == null ? null : texts.computeIfAbsent(value, v -> v);
        }

        BigDecimal amount(BigDecimal value) {
            return value == null ? null : amounts.computeIfAbsent(value, v -> v);
        }

        LocalDateTime time(LocalDateTime value) {
            LocalTime time = value.toLocalTime();
            if (time.getNano() == 0) {
                int second = time.toSecondOfDay();
                time = seconds[second] != null ? seconds[second] : (seconds[second] = time);
            }
            return LocalDateTime.of(dates.computeIfAbsent(value.toLocalDate(), d -> d), time);
        }
    }
}
