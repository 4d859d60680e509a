package com.reconflow.report;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.reconflow.config.ReconProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Answers {@link SummaryQuery summaries}: the record measures from the smallest rollup cube that holds the
 * question's dimensions, or from the records themselves when no rollup can answer (amount or time ranges,
 * discrepancy codes); the open discrepancies always live, as every decision changes them.
 */
@Service
public class SummaryService {

    private final JdbcClient jdbc;
    private final ZoneId zone;
    private final Clock clock;

    SummaryService(JdbcClient jdbc, ReconProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.zone = properties.zone();
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    Summary summarise(SummaryQuery query) {
        Optional<Cube> cube = query.needsRecords() ? Optional.empty() : Cube.covering(query.dimensionsUsed());
        Map<List<Object>, Measures> rows = new LinkedHashMap<>();
        if (cube.isPresent()) {
            fromRollup(query, cube.get(), rows);
        } else {
            fromRecords(query, rows);
        }
        if (!Boolean.TRUE.equals(query.settled())) {
            openDiscrepancies(query, rows);
        }
        Measures totals = new Measures();
        rows.values().forEach(totals::add);
        List<Summary.Row> sorted = new ArrayList<>();
        rows.forEach((key, measures) -> sorted.add(new Summary.Row(key, measures)));
        sorted.sort(Comparator.comparing(Summary.Row::key, SummaryService::compareKeys));
        return new Summary(query.groupBy(), cube.isPresent() ? "rollup" : "records", sorted, totals);
    }

    private void fromRollup(SummaryQuery query, Cube cube, Map<List<Object>, Measures> rows) {
        Sql sql = new Sql();
        sql.where("cube = ?", cube.name());
        sql.where("business_date BETWEEN ? AND ?", query.from(), query.to());
        query.filters().forEach((d, values) -> sql.in(d.column, values));
        hours(query, "hour_of_day", sql);
        if (query.settled() != null) {
            sql.where("settled = ?", query.settled() ? 1 : 0);
        }
        sums(query, "recon_report_rollup", sql, rows);
    }

    private void fromRecords(SummaryQuery query, Map<List<Object>, Measures> rows) {
        // Narrow the records before their facts are made: by amount, time and open discrepancy.
        Sql inner = new Sql();
        if (query.minAmount() != null) {
            inner.where("x.amount >= ?", query.minAmount());
        }
        if (query.maxAmount() != null) {
            inner.where("x.amount <= ?", query.maxAmount());
        }
        if (query.timeFrom() != null) {
            inner.where("x.occurred_at >= ?", query.timeFrom().atZoneSameInstant(ZoneOffset.UTC).toLocalDateTime());
        }
        if (query.timeTo() != null) {
            inner.where("x.occurred_at <= ?", query.timeTo().atZoneSameInstant(ZoneOffset.UTC).toLocalDateTime());
        }
        boolean byCode = query.dimensionsUsed().contains(Dimension.DISCREPANCY_CODE);
        if (byCode) {
            List<String> codes = query.filters().getOrDefault(Dimension.DISCREPANCY_CODE, List.of());
            inner.where("x.id IN (SELECT record_id FROM recon_discrepancy WHERE status = 'OPEN'"
                    + (codes.isEmpty() ? "" : " AND type IN (" + marks(codes.size()) + ")") + ")", codes.toArray());
        }
        String condition = inner.conditions.isEmpty() ? "" : " AND " + String.join(" AND ", inner.conditions);
        String from = ReportFacts.between(offsetMinutes(query), condition) + " f";
        if (byCode) {
            from += " JOIN (SELECT DISTINCT record_id AS code_record_id, type AS discrepancy_code FROM recon_discrepancy "
                    + "WHERE status = 'OPEN') dc ON dc.code_record_id = f.record_id";
        }
        Sql sql = new Sql();
        sql.params.addAll(List.of(query.from(), query.to()));
        sql.params.addAll(inner.params);
        sql.params.addAll(List.of(query.from(), query.to()));
        sql.params.addAll(inner.params);
        query.filters().forEach((d, values) -> sql.in(d.column, values));
        hours(query, "hour_of_day", sql);
        if (query.settled() != null) {
            sql.where("settled = ?", query.settled() ? 1 : 0);
        }
        sums(query, from, sql, rows);
    }

    private void sums(SummaryQuery query, String from, Sql sql, Map<List<Object>, Measures> rows) {
        List<String> columns = query.groupBy().stream().map(d -> d.column).toList();
        String select = "SELECT " + (columns.isEmpty() ? "" : String.join(", ", columns) + ", ")
                + "SUM(orders), SUM(gross_sales), SUM(refunds), SUM(fees), SUM(payments), SUM(expecting), SUM(matched), "
                + "SUM(cost_of_goods), SUM(cost_unknown) FROM " + from + sql.whereClause()
                + (columns.isEmpty() ? "" : " GROUP BY " + String.join(", ", columns));
        int n = columns.size();
        jdbc.sql(select).params(sql.params).query((ResultSet rs) -> {
            while (rs.next()) {
                List<Object> key = key(query, rs);
                if (rs.getObject(n + 1) == null) {
                    continue; // no row at all: SUM over nothing
                }
                rows.computeIfAbsent(key, k -> new Measures()).addRecords(rs.getLong(n + 1), rs.getBigDecimal(n + 2),
                        rs.getBigDecimal(n + 3), rs.getBigDecimal(n + 4), rs.getBigDecimal(n + 5), rs.getLong(n + 6),
                        rs.getLong(n + 7), rs.getBigDecimal(n + 8), rs.getLong(n + 9));
            }
            return Boolean.TRUE;
        });
    }

    /**
     * The open discrepancies, under the dimensions of the record each was raised on and the date of its run.
     * A record with an open discrepancy is not settled in full: they count under {@code settled=false} and
     * never under {@code settled=true}.
     */
    private void openDiscrepancies(SummaryQuery query, Map<List<Object>, Measures> rows) {
        int offset = offsetMinutes(query);
        Map<Dimension, String> expr = new LinkedHashMap<>();
        expr.put(Dimension.SOURCE, "d.source");
        expr.put(Dimension.DATE, "u.business_date");
        expr.put(Dimension.PAYMENT_METHOD, "CASE WHEN r.kind IN ('PAYMENT', 'REFUND', 'FEE') THEN r.source "
                + "ELSE r.payment_method END");
        // A provider record's category, store and status are those of the order it is paired with (none when
        // unpaired), as its facts report them (ReportFacts): its open discrepancies go in the same row.
        String provider = "r.kind IN ('PAYMENT', 'REFUND', 'FEE')";
        expr.put(Dimension.CATEGORY, "CASE WHEN " + provider + " THEN o.category ELSE r.category END");
        expr.put(Dimension.STORE, "CASE WHEN " + provider + " THEN o.store ELSE r.store END");
        expr.put(Dimension.HOUR, ReportFacts.hourOf("r", offset));
        expr.put(Dimension.STATUS, "CASE WHEN " + provider + " THEN COALESCE(o.status, r.status) ELSE r.status END");
        expr.put(Dimension.DISCREPANCY_CODE, "d.type");
        Sql sql = new Sql();
        sql.where("d.status = 'OPEN'");
        sql.where("u.business_date BETWEEN ? AND ?", query.from(), query.to());
        query.filters().forEach((d, values) -> sql.in(expr.get(d), values));
        hours(query, expr.get(Dimension.HOUR), sql);
        if (query.minAmount() != null) {
            sql.where("r.amount >= ?", query.minAmount());
        }
        if (query.maxAmount() != null) {
            sql.where("r.amount <= ?", query.maxAmount());
        }
        if (query.timeFrom() != null) {
            sql.where("r.occurred_at >= ?", query.timeFrom().atZoneSameInstant(ZoneOffset.UTC).toLocalDateTime());
        }
        if (query.timeTo() != null) {
            sql.where("r.occurred_at <= ?", query.timeTo().atZoneSameInstant(ZoneOffset.UTC).toLocalDateTime());
        }
        List<String> groups = query.groupBy().stream().map(expr::get).toList();
        String select = "SELECT " + (groups.isEmpty() ? "" : String.join(", ", groups) + ", ")
                + "COUNT(*), SUM(ABS(COALESCE(d.difference, 0))) FROM recon_discrepancy d "
                + "JOIN recon_run u ON u.id = d.run_id JOIN recon_record r ON r.id = d.record_id "
                + "LEFT JOIN recon_record o ON o.id = " + ReportFacts.pairedOrder("r") + sql.whereClause()
                + (groups.isEmpty() ? "" : " GROUP BY " + String.join(", ", groups));
        int n = groups.size();
        jdbc.sql(select).params(sql.params).query((ResultSet rs) -> {
            while (rs.next()) {
                if (rs.getLong(n + 1) == 0) {
                    continue;
                }
                rows.computeIfAbsent(key(query, rs), k -> new Measures()).addOpen(rs.getLong(n + 1), rs.getBigDecimal(n + 2));
            }
            return Boolean.TRUE;
        });
    }

    private static void hours(SummaryQuery query, String column, Sql sql) {
        Integer from = query.hourFrom();
        Integer to = query.hourTo();
        if (from == null && to == null) {
            return;
        }
        int a = from == null ? 0 : from;
        int b = to == null ? 23 : to;
        if (a <= b) {
            sql.where(column + " BETWEEN ? AND ?", a, b);
        } else {
            // past midnight: 22 to 5 is 22, 23, 0 … 5
            sql.where("(" + column + " >= ? OR " + column + " <= ?)", a, b);
        }
    }

    private int offsetMinutes(SummaryQuery query) {
        return zone.getRules().getOffset(query.from().atStartOfDay(zone).toInstant()).getTotalSeconds() / 60;
    }

    private static List<Object> key(SummaryQuery query, ResultSet rs) throws SQLException {
        List<Object> key = new ArrayList<>();
        for (int i = 0; i < query.groupBy().size(); i++) {
            Dimension d = query.groupBy().get(i);
            Object value = switch (d) {
                case DATE -> {
                    java.sql.Date date = rs.getDate(i + 1);
                    yield date == null ? null : date.toLocalDate().toString();
                }
                case HOUR -> {
                    int hour = rs.getInt(i + 1);
                    yield rs.wasNull() ? null : hour;
                }
                default -> rs.getString(i + 1);
            };
            key.add(value);
        }
        return key;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeys(List<Object> a, List<Object> b) {
        for (int i = 0; i < a.size(); i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            if (x == null || y == null) {
                if (x != y) {
                    return x == null ? 1 : -1;
                }
                continue;
            }
            int c = ((Comparable) x).compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    /** A WHERE clause built up with its parameters in order. */
    private static final class Sql {
        final List<String> conditions = new ArrayList<>();
        final List<Object> params = new ArrayList<>();

        void where(String condition, Object... values) {
            conditions.add(condition);
            params.addAll(List.of(values));
        }

        void in(String column, List<String> values) {
            where(column + " IN (" + marks(values.size()) + ")", values.toArray());
        }

        String whereClause() {
            return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        }
    }

    static BigDecimal zeroIfNull(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
