package com.reconflow.matching;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.reconflow.run.Run;
import com.reconflow.run.RunService;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A big day's new matches are written in two halves side by side, the second in a transaction of its own. An
 * attempt whose transaction fails after matching therefore leaves the second half stored; the next attempt
 * must find it and complete the day with every match once. A day read along the primary key and one spread
 * thinly over the table (read through its date's index) are matched alike. Days in May 2030, which no other
 * test uses; records are stored directly, as the import stores them, under a run that waits for a source.
 */
interface MatchesStoredInHalves {

    LocalDate BIG_DAY = LocalDate.of(2030, 5, 6);
    LocalDate SPREAD_DAY = LocalDate.of(2030, 5, 7);
    LocalDate FILLER_DAY = LocalDate.of(2030, 5, 8);

    JdbcClient jdbc();

    <T> T bean(Class<T> type);

    default RunService runService() {
        return bean(RunService.class);
    }

    default DayMatching dayMatching() {
        return bean(DayMatching.class);
    }

    default PlatformTransactionManager transactionManager() {
        return bean(PlatformTransactionManager.class);
    }

    @Test
    default void anAttemptThatFailsAfterHalfTheMatchesWereWrittenIsCompletedByTheNextWithEachMatchOnce() {
        int orders = DayMatching.SPLIT_STORE_FROM + 1_000;
        int expected = seed(BIG_DAY, "H", orders, 0);
        assertThat(expected).isGreaterThanOrEqualTo(DayMatching.SPLIT_STORE_FROM);
        Run run = waitingRun(BIG_DAY);
        TransactionTemplate transaction = new TransactionTemplate(transactionManager());

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            dayMatching().matchDay(run.id(), BIG_DAY);
            throw new IllegalStateException("the run's transaction fails after matching");
        })).hasMessageContaining("fails after matching");
        // The first half went with the failed transaction; the second had committed on its own.
        assertThat(storedMatches(run.id())).isEqualTo(expected - expected / 2);

        DayResult result = transaction.execute(status -> dayMatching().matchDay(run.id(), BIG_DAY));
        assertThat(result.matches()).hasSize(expected);
        assertThat(storedMatches(run.id())).isEqualTo(expected);
        assertThat(jdbc().sql("SELECT COUNT(*) FROM (SELECT order_record_id, payment_record_id FROM recon_match "
                        + "WHERE run_id = ? GROUP BY order_record_id, payment_record_id HAVING COUNT(*) > 1) twice")
                .param(run.id()).query(Long.class).single()).isZero();
        Set<String> found = new HashSet<>();
        result.matches().forEach(m -> found.add(m.order().id() + "/" + m.payment().id()));
        Set<String> stored = new HashSet<>(jdbc().sql("SELECT order_record_id, payment_record_id FROM recon_match "
                        + "WHERE run_id = ? AND superseded_at IS NULL").param(run.id())
                .query((rs, n) -> rs.getLong(1) + "/" + rs.getLong(2)).list());
        assertThat(stored).isEqualTo(found);
        assertThat(result.findings()).extracting(Finding::type).containsOnly(DiscrepancyType.MISSING_PAYMENT)
                .hasSize(orders - expected);
    }

    @Test
    default void aDaySpreadThinlyOverTheTableIsMatchedAsADayStoredTogether() {
        int orders = 300;
        // Five of another day's records after each order and its payment: the day fills less than half of the
        // ids it spans, so it is read through its date's index.
        int expected = seed(SPREAD_DAY, "S", orders, 5);
        Run run = waitingRun(SPREAD_DAY);
        DayResult result = new TransactionTemplate(transactionManager())
                .execute(status -> dayMatching().matchDay(run.id(), SPREAD_DAY));
        assertThat(result.matches()).hasSize(expected)
                .allSatisfy(m -> assertThat(m.order().orderNo()).isEqualTo(m.payment().orderNo()));
        assertThat(result.findings()).extracting(Finding::type).containsOnly(DiscrepancyType.MISSING_PAYMENT)
                .hasSize(orders - expected);
        assertThat(storedMatches(run.id())).isEqualTo(expected);
    }

    /** A run for the day that waits for wechatpay's import, so it does not match by itself. */
    private Run waitingRun(LocalDate day) {
        return runService().start(day, List.of("jd", "wechatpay"), "test");
    }

    private long storedMatches(long runId) {
        return jdbc().sql("SELECT COUNT(*) FROM recon_match WHERE run_id = ? AND superseded_at IS NULL").param(runId)
                .query(Long.class).single();
    }

    /**
     * Orders of jd, each with its WeChat Pay payment but one in a thousand (and the third of each day), with
     * {@code fillers} records of {@link #FILLER_DAY} written after each; returns how many payments there are.
     */
    private int seed(LocalDate day, String prefix, int orders, int fillers) {
        jdbc().sql("""
                INSERT INTO recon_import (source, format, file_name, content_sha256, business_date, status, rows_accepted,
                                          rows_rejected, rows_duplicate, imported_by, imported_at)
                VALUES ('jd', 'channel-orders', ?, ?, ?, 'ACCEPTED', 0, 0, 0, 'test', ?)""")
                .params(prefix + "-orders.csv", prefix + day, day, LocalDateTime.now()).update();
        long importId = jdbc().sql("SELECT MAX(id) FROM recon_import").query(Long.class).single();
        int payments = 0;
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            BigDecimal amount = BigDecimal.valueOf(990 + (i * 7919L) % 99_000, 2);
            LocalDateTime at = day.atTime(1, 0).plusSeconds(i * 7L);
            String orderNo = prefix + day.getDayOfMonth() + "-" + i;
            rows.add(record(importId, i, "ORDER", "jd", day, orderNo, null, amount, null, at, "wechatpay"));
            if (i % 1000 != 3) {
                payments++;
                rows.add(record(importId, i, "PAYMENT", "wechatpay", day, orderNo, "W" + orderNo, amount,
                        amount.multiply(new BigDecimal("0.006")).setScale(2, RoundingMode.HALF_UP), at, null));
            }
            for (int f = 0; f < fillers; f++) {
                String filler = prefix + "F" + i + "-" + f;
                rows.add(record(importId, i, "ORDER", "jd", FILLER_DAY, filler, null, amount, null, at, "cash"));
            }
        }
        // One record at a time, in order, in one transaction: ids follow the order the records were written in.
        new TransactionTemplate(transactionManager()).executeWithoutResult(status -> {
            for (Object[] row : rows) {
                jdbc().sql("""
                        INSERT INTO recon_record (import_id, line_no, kind, source, format, business_date, order_no,
                                                  txn_id, amount, fee, currency, occurred_at, payment_method, raw_line,
                                                  natural_key)
                        VALUES (?, ?, ?, ?, 'channel-orders', ?, ?, ?, ?, ?, 'CNY', ?, ?, '', ?)""").params(row).update();
            }
        });
        return payments;
    }

    private static Object[] record(long importId, int line, String kind, String source, LocalDate day, String orderNo,
                                   String txnId, BigDecimal amount, BigDecimal fee, LocalDateTime at, String method) {
        return new Object[] {importId, line, kind, source, day, orderNo, txnId, amount, fee, at, method,
                kind + ":" + (txnId != null ? txnId : orderNo)};
    }
}
