package com.reconflow.report;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.reconflow.config.ReconProperties;
import com.reconflow.matching.DayMatching;
import com.reconflow.matching.MatchingRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rebuilds a business date's rollups from its records, set-based in the database: the providers'
 * settlements of the date, the {@link Cube#FULL} cube from the record facts, the smaller cubes from it.
 * Idempotent (a date is deleted and written again in one transaction) and serialised per date by its
 * {@code recon_report_day} row, so retried jobs and several nodes may refresh the same date safely.
 */
@Service
public class RollupRefresher {

    private static final Logger log = LoggerFactory.getLogger(RollupRefresher.class);
    /** How many days after a business day its settlement may reach the bank (as matching looks). */
    private static final int SETTLEMENT_DAYS = 7;

    static final String MEASURES = "orders, gross_sales, refunds, fees, payments, expecting, matched, cost_of_goods, "
            + "cost_unknown";
    private static final String SUMS = "SUM(orders), SUM(gross_sales), SUM(refunds), SUM(fees), SUM(payments), "
            + "SUM(expecting), SUM(matched), SUM(cost_of_goods), SUM(cost_unknown)";

    private final JdbcClient jdbc;
    private final MatchingRules rules;
    private final ZoneId zone;
    private final Clock clock;

    RollupRefresher(JdbcClient jdbc, DayMatching dayMatching, ReconProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.rules = dayMatching.rules();
        this.zone = properties.zone();
        this.clock = clock;
    }

    /**
     * The dates a run's matching may have changed: its own; the days whose settlement the bank credits of
     * its date name (their orders become settled); the days whose waiting records it paired (timing).
     */
    public List<LocalDate> datesAfterRun(long runId) {
        LocalDate date = jdbc.sql("SELECT business_date FROM recon_run WHERE id = ?").param(runId)
                .query(LocalDate.class).single();
        TreeSet<LocalDate> dates = new TreeSet<>();
        dates.add(date);
        jdbc.sql("SELECT DISTINCT order_no FROM recon_record WHERE business_date = ? AND kind = 'PAYOUT' "
                        + "AND order_no LIKE '%-SETTLE-%'").param(date).query(String.class).list()
                .forEach(reference -> settledDay(reference).ifPresent(dates::add));
        dates.addAll(jdbc.sql("SELECT DISTINCT since_date FROM recon_pending WHERE resolved_run_id = ?").param(runId)
                .query(LocalDate.class).list());
        return List.copyOf(dates);
    }

    /** The dates from {@code from} on that have rollups: those a change of costs valid from then touches. */
    public List<LocalDate> datesRefreshedSince(LocalDate from) {
        return jdbc.sql("SELECT business_date FROM recon_report_day WHERE business_date >= ? ORDER BY business_date")
                .param(from).query(LocalDate.class).list();
    }

    private static java.util.Optional<LocalDate> settledDay(String reference) {
        String digits = reference.substring(reference.lastIndexOf('-') + 1);
        try {
            return java.util.Optional.of(LocalDate.parse(digits, java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
        } catch (java.time.format.DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    /** Refreshes the dates in ascending order, so that two refreshes never wait for each other crosswise. */
    @Transactional
    public void refresh(List<LocalDate> dates) {
        new TreeSet<>(dates).forEach(this::refreshDate);
    }

    private void refreshDate(LocalDate date) {
        long started = System.nanoTime();
        lockDate(date);
        refreshPayouts(date);
        jdbc.sql("DELETE FROM recon_report_rollup WHERE business_date = ?").param(date).update();
        int offset = zone.getRules().getOffset(date.atStartOfDay(zone).toInstant()).getTotalSeconds() / 60;
        String full = "business_date, source, payment_method, category, store, hour_of_day, status, settled";
        int rows = jdbc.sql("INSERT INTO recon_report_rollup (cube, " + full + ", " + MEASURES + ") SELECT 'FULL', "
                        + full + ", " + SUMS + " FROM " + ReportFacts.between(offset, "") + " f GROUP BY " + full)
                .params(date, date, date, date).update();
        for (Cube cube : List.of(Cube.DAY, Cube.HOUR, Cube.STORE)) {
            String kept = "business_date, source, payment_method, "
                    + (cube.dimensions.contains(Dimension.CATEGORY) ? "category" : "NULL") + ", "
                    + (cube.dimensions.contains(Dimension.STORE) ? "store" : "NULL") + ", "
                    + (cube.dimensions.contains(Dimension.HOUR) ? "hour_of_day" : "NULL") + ", status, settled";
            String groups = kept.replace(", NULL", "");
            jdbc.sql("INSERT INTO recon_report_rollup (cube, " + full + ", " + MEASURES + ") SELECT '" + cube.name()
                    + "', " + kept + ", " + SUMS + " FROM recon_report_rollup WHERE cube = 'FULL' AND business_date = ? "
                    + "GROUP BY " + groups).param(date).update();
        }
        jdbc.sql("UPDATE recon_report_day SET fact_rows = ? WHERE business_date = ?").params(rows, date).update();
        log.info("Report rollups of {} refreshed: {} rows in {} ms", date, rows, (System.nanoTime() - started) / 1_000_000);
    }

    /** Takes the date's row lock (creating the row the first time), held until the refresh commits. */
    private void lockDate(LocalDate date) {
        Timestamp now = Timestamp.from(clock.instant());
        if (jdbc.sql("UPDATE recon_report_day SET refreshed_at = ? WHERE business_date = ?").params(now, date)
                .update() == 0) {
            try {
                jdbc.sql("INSERT INTO recon_report_day (business_date, refreshed_at, fact_rows) VALUES (?, ?, 0)")
                        .params(date, now).update();
            } catch (DuplicateKeyException e) {
                // another node created it meanwhile: wait for its lock as usual
                jdbc.sql("UPDATE recon_report_day SET refreshed_at = ? WHERE business_date = ?").params(now, date)
                        .update();
            }
        }
    }

    /**
     * Each configured provider's settlement of the date: what it should pay out (payments − refunds − fees,
     * as matching checks it) and the bank's credit under its reference, when one came within a week.
     */
    private void refreshPayouts(LocalDate date) {
        jdbc.sql("DELETE FROM recon_report_payout WHERE business_date = ?").param(date).update();
        Map<String, BigDecimal> expected = jdbc.sql("SELECT source, SUM(CASE kind WHEN 'PAYMENT' THEN amount - ABS(COALESCE(fee, 0)) "
                        + "ELSE -amount + ABS(COALESCE(fee, 0)) END) FROM recon_record WHERE business_date = ? "
                        + "AND kind IN ('PAYMENT', 'REFUND') GROUP BY source").param(date)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getBigDecimal(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        for (String provider : new TreeSet<>(rules.payoutReferences().keySet())) {
            String reference = rules.payoutReference(provider, date);
            BigDecimal paidOut = jdbc.sql("SELECT SUM(amount) FROM recon_record WHERE kind = 'PAYOUT' AND order_no = ? "
                            + "AND business_date > ? AND business_date <= ?")
                    .params(reference, date, date.plusDays(SETTLEMENT_DAYS)).query((rs, n) -> rs.getBigDecimal(1)).list()
                    .get(0);
            BigDecimal net = expected.get(provider);
            if (net == null && paidOut == null) {
                continue;
            }
            jdbc.sql("INSERT INTO recon_report_payout (provider, business_date, expected, paid_out, reference) "
                            + "VALUES (?, ?, ?, ?, ?)")
                    .params(provider, date, net == null ? BigDecimal.ZERO : net.setScale(2, java.math.RoundingMode.HALF_UP),
                            paidOut, reference).update();
        }
    }
}
