package com.reconflow.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What reconciliation of a generated day should find: every planted case, and totals to check
 * that nothing else happened. Everything a case does not name is an ordinary sale whose order and
 * payment are a {@code ONE_TO_ONE} match; the orders of refunds and of refund or fee discrepancies
 * are also {@code ONE_TO_ONE} matched with their payments.
 *
 * <p>Written next to the day's files as two UTF-8 CSV files:
 * <ul>
 *   <li>{@value #CASES_FILE}: one line per {@link ExpectedCase}, header
 *       {@code business_date,outcome,kind,scenario,source,order_no,txn_id,counter_source,counter_order_no,expected,actual}
 *       (empty cells for null);</li>
 *   <li>{@value #TOTALS_FILE}: header {@code measure,key,count}. Measure {@code records}, key
 *       {@code <source>/<ORDER|PAYMENT|REFUND|PAYOUT>}: the rows of the day's files; measure
 *       {@code MATCH}, key a match kind: how many order–payment (or order–refund) pairs the run makes
 *       of that kind, listed cases and ordinary sales together; {@code PENDING}, {@code PROPOSED},
 *       {@code DISCREPANCY} (key the code) and {@code NONE}: how many cases of each.</li>
 * </ul>
 */
public record GroundTruth(LocalDate businessDate, List<ExpectedCase> cases, Map<String, Long> totals) {

    public static final String CASES_FILE = "ground-truth.csv";
    public static final String TOTALS_FILE = "ground-truth-totals.csv";
    static final String CASES_HEADER =
            "business_date,outcome,kind,scenario,source,order_no,txn_id,counter_source,counter_order_no,expected,actual";
    static final String TOTALS_HEADER = "measure,key,count";
    static final String RECORDS = "records";

    public GroundTruth {
        cases = List.copyOf(cases);
        totals = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(totals));
    }

    /** The cases of one outcome. */
    public List<ExpectedCase> of(String outcome) {
        return cases.stream().filter(c -> c.outcome().equals(outcome)).toList();
    }

    /** The raised discrepancies, as the run reports them. */
    public List<ExpectedDiscrepancy> discrepancies() {
        return of(ExpectedCase.DISCREPANCY).stream().map(ExpectedCase::asDiscrepancy).toList();
    }

    /** A total, e.g. {@code total("MATCH", "ONE_TO_ONE")} or {@code total("DISCREPANCY", "FEE_MISMATCH")}; 0 when none. */
    public long total(String measure, String key) {
        return totals.getOrDefault(measure + "," + key, 0L);
    }

    /** The rows of one kind ({@code ORDER}, {@code PAYMENT}, {@code REFUND}, {@code PAYOUT}) in a source's file. */
    public long records(String source, String kind) {
        return total(RECORDS, source + "/" + kind);
    }

    public void writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            try (Writer out = Files.newBufferedWriter(dir.resolve(CASES_FILE), StandardCharsets.UTF_8)) {
                out.write(CASES_HEADER + "\n");
                for (ExpectedCase c : cases) {
                    out.write(String.join(",", c.businessDate().toString(), c.outcome(), c.kind(), c.scenario(),
                            cell(c.source()), cell(c.orderNo()), cell(c.txnId()), cell(c.counterSource()),
                            cell(c.counterOrderNo()), cell(c.expected()), cell(c.actual())) + "\n");
                }
            }
            try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(TOTALS_FILE), StandardCharsets.UTF_8)) {
                out.write(TOTALS_HEADER + "\n");
                for (var total : totals.entrySet()) {
                    out.write(total.getKey() + "," + total.getValue() + "\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ground truth into " + dir, e);
        }
    }

    /** Reads what {@link #writeTo} wrote. */
    public static GroundTruth read(Path dir) {
        try {
            List<ExpectedCase> cases = new ArrayList<>();
            LocalDate day = null;
            for (String line : Files.readAllLines(dir.resolve(CASES_FILE), StandardCharsets.UTF_8)) {
                if (line.equals(CASES_HEADER)) {
                    continue;
                }
                String[] c = line.split(",", -1);
                cases.add(new ExpectedCase(LocalDate.parse(c[0]), c[1], c[2], c[3], text(c[4]), text(c[5]),
                        text(c[6]), text(c[7]), text(c[8]), money(c[9]), money(c[10])));
                day = day == null ? cases.get(0).businessDate() : day;
            }
            Map<String, Long> totals = new LinkedHashMap<>();
            for (String line : Files.readAllLines(dir.resolve(TOTALS_FILE), StandardCharsets.UTF_8)) {
                if (!line.equals(TOTALS_HEADER)) {
                    int last = line.lastIndexOf(',');
                    totals.put(line.substring(0, last), Long.parseLong(line.substring(last + 1)));
                }
            }
            return new GroundTruth(day, cases, totals);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ground truth in " + dir, e);
        }
    }

    private static String cell(Object value) {
        String text = value == null ? "" : value instanceof BigDecimal money ? money.toPlainString() : value.toString();
        if (text.contains(",") || text.contains("\n")) {
            throw new IllegalArgumentException("a ground-truth value needs no quoting: " + text);
        }
        return text;
    }

    private static String text(String cell) {
        return cell.isEmpty() ? null : cell;
    }

    private static BigDecimal money(String cell) {
        return cell.isEmpty() ? null : new BigDecimal(cell);
    }
}
