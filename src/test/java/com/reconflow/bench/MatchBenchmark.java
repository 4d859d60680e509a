package com.reconflow.bench;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.reconflow.ingest.RecordKind;
import com.reconflow.matching.DayMatcher;
import com.reconflow.matching.DayResult;
import com.reconflow.matching.LedgerEntry;
import com.reconflow.matching.MatchingRules;

/**
 * The matching stage alone, in memory: days of 10k, 100k and 1M orders with a payment each (one
 * in fifty split in two, one in a hundred refunded, one in a thousand missing its payment), to
 * show that the cost grows linearly. Loading and persisting are not included. Run with
 * {@code mvn -Pbench verify} (-Xmx2g).
 */
public final class MatchBenchmark {

    private MatchBenchmark() {
    }

    public static void main(String[] args) {
        LocalDate day = LocalDate.of(2026, 11, 20);
        DayMatcher matcher = new DayMatcher(MatchingRules.defaults());
        matcher.match(day, day(20_000));  // warm-up
        for (int orders : new int[] {10_000, 100_000, 1_000_000}) {
            List<LedgerEntry> records = day(orders);
            System.gc();
            long started = System.nanoTime();
            DayResult result = matcher.match(day, records);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "matching %,9d orders, %,9d records: %6.2f s = %,10.0f records/s, "
                            + "%,d matches, %,d discrepancies%n", orders, records.size(), seconds,
                    records.size() / seconds, result.matches().size(), result.findings().size());
        }
    }

    private static List<LedgerEntry> day(int orders) {
        List<LedgerEntry> records = new ArrayList<>(orders * 2 + orders / 50);
        long id = 1;
        for (int i = 0; i < orders; i++) {
            String orderNo = "B" + i;
            BigDecimal amount = BigDecimal.valueOf(990 + (i * 7919L) % 99_000, 2);
            boolean refunded = i % 100 == 7;
            records.add(new LedgerEntry(id++, RecordKind.ORDER, "jd", orderNo, null, amount,
                    refunded ? "REFUNDED" : "PAID", "wechatpay", null, refunded ? amount : null, null));
            if (i % 1000 == 3) {
                continue;
            }
            if (i % 50 == 1) {
                BigDecimal half = amount.divide(BigDecimal.valueOf(2), 2, java.math.RoundingMode.DOWN);
                records.add(payment(id++, orderNo, "W" + i + "a", half));
                records.add(payment(id++, orderNo, "W" + i + "b", amount.subtract(half)));
            } else {
                records.add(payment(id++, orderNo, "W" + i, amount));
            }
            if (refunded) {
                records.add(new LedgerEntry(id++, RecordKind.REFUND, "wechatpay", orderNo, "W" + i, amount, "SUCCESS",
                        null));
            }
        }
        return records;
    }

    private static LedgerEntry payment(long id, String orderNo, String txnId, BigDecimal amount) {
        return new LedgerEntry(id, RecordKind.PAYMENT, "wechatpay", orderNo, txnId, amount, "SUCCESS", null,
                amount.multiply(new BigDecimal("0.006")).setScale(2, java.math.RoundingMode.HALF_UP), null, null);
    }
}
