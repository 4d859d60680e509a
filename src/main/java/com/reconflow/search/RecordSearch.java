package com.reconflow.search;

import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.reconflow.config.Db;
import com.reconflow.config.ReconProperties;
import com.reconflow.ingest.NaturalKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Finding records: by key or time range for the search box, and by the report filters for the drill-down.
 * Every query starts from an index range (a key, {@code occurred_at}, or {@code business_date, kind}) and
 * reads one page; the file names of a page's imports are read afterwards, so that no join can make the
 * database start from the imports and sort the records itself.
 */
@Service
class RecordSearch {

    /** The most records a time-range search counts and pages through: beyond that, narrow the range. */
    static final int SEARCH_WINDOW = 10_000;

    private static final String COLUMNS = "r.id, r.kind, r.source, r.business_date, r.order_no, r.txn_id, r.refund_no, "
            + "r.amount, r.occurred_at, r.store, r.payment_method, r.category, r.status, r.sku, r.quantity, r.import_id, "
            + "r.line_no";
    /** A provider's bank credit for a day's settlement: {@code <NAME>-SETTLE-<yyyyMMdd>} (see MatchingRules). */
    private static final Pattern PAYOUT_REFERENCE =
            Pattern.compile("(?<![A-Z0-9])([A-Z][A-Z0-9]*)-SETTLE-(\\d{8})(?![0-9])", Pattern.CASE_INSENSITIVE);
    /** How long after its day a provider's payout may reach the bank (as matching looks for it). */
    private static final int SETTLEMENT_DAYS = 7;
    /** The kinds of a payment provider's records. */
    private static final String PROVIDER_KINDS = "('PAYMENT', 'REFUND', 'FEE')";
    /** The order {@code o} a provider record settles; joined only when a filter asks about it. */
    private static final String SETTLED_ORDER_JOIN = " LEFT JOIN recon_record o ON r.kind IN " + PROVIDER_KINDS
            + " AND o.id = (SELECT MIN(m.order_record_id) FROM recon_match m WHERE m.payment_record_id = r.id "
            + "AND m.superseded_at IS NULL)";

    record Page(long total, int page, int size, List<RecordRow> rows) {
    }

    record Found(String query, Long total, int page, int size, List<RecordRow> rows) {
    }

    private final JdbcClient jdbc;
    private final ZoneId zone;
    private final Map<String, String> providerByPayoutName = new HashMap<>();

    RecordSearch(JdbcClient jdbc, Clock clock, ReconProperties properties) {
        this.jdbc = jdbc;
        this.zone = clock.getZone();
        properties.matching().payoutReferences()
                .forEach((provider, name) -> providerByPayoutName.put(name.toUpperCase(), provider));
    }

    /** Records whose order number, payment serial or refund number is {@code key}, newest first. */
    Found byKey(String key, int page, int size) {
        // Three index lookups; a UNION rather than OR, so that each keeps its own index. Refunds are found
        // by their natural key, which is made of the refund number (an index of its own would cost every import);
        // the number is checked too, as a refund without one has a key of its serial and amount.
        String union = "SELECT " + COLUMNS + " FROM recon_record r WHERE r.order_no = ? UNION "
                + "SELECT " + COLUMNS + " FROM recon_record r WHERE r.txn_id = ? UNION "
                + "SELECT " + COLUMNS + " FROM recon_record r WHERE r.natural_key = ? AND r.refund_no = ?";
        String refundKey = NaturalKey.ofRefundNo(key);
        long total = jdbc.sql("SELECT COUNT(*) FROM (" + union + ") x").params(key, key, refundKey, key)
                .query(Long.class).single();
        List<RecordRow> rows = jdbc.sql("SELECT * FROM (" + union + ") r ORDER BY r.occurred_at DESC, r.id DESC "
                        + "LIMIT ? OFFSET ?")
                .params(key, key, refundKey, key, size, (long) page * size)
                .query(this::row).list();
        return new Found(key, total, page, size, withFileNames(rows));
    }

    /**
     * Records of a time range, newest first: a walk down {@code ix_record_occurred_at} that stops after the
     * page. The total is counted up to {@link #SEARCH_WINDOW} and {@code null} above it.
     */
    Found byTime(Instant from, Instant to, List<String> sources, int page, int size) {
        List<Object> params = new ArrayList<>(List.of(Db.utc(from), Db.utc(to)));
        StringBuilder where = new StringBuilder("r.occurred_at >= ? AND r.occurred_at <= ?");
        in(where, params, "r.source", sources);
        long counted = jdbc.sql("SELECT COUNT(*) FROM (SELECT r.id FROM recon_record r WHERE " + where + " LIMIT "
                        + (SEARCH_WINDOW + 1) + ") x")
                .params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<RecordRow> rows = jdbc.sql("SELECT " + COLUMNS + " FROM recon_record r WHERE " + where
                        + " ORDER BY r.occurred_at DESC, r.id DESC LIMIT ? OFFSET ?")
                .params(pageParams).query(this::row).list();
        String query = from.atZone(zone).toOffsetDateTime() + "/" + to.atZone(zone).toOffsetDateTime()
                + (sources.isEmpty() ? "" : " " + String.join(",", sources));
        return new Found(query, counted > SEARCH_WINDOW ? null : counted, page, size, withFileNames(rows));
    }

    /** The records behind a report figure, in time order (then id). */
    Page records(RecordFilter filter, int page, int size) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        String from = "recon_record r" + (usesSettledOrder(filter) ? SETTLED_ORDER_JOIN : "");
        long total = jdbc.sql("SELECT COUNT(*) FROM " + from + " WHERE " + where).params(params)
                .query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        // The records are read by the filter's own index (business_date, kind) and sorted, which costs what they
        // are: 0.25 s for one day's 50,000 orders among 3 million records on MariaDB. A plain ORDER BY, which
        // ix_record_occurred_at could serve, tempts MySQL to walk that index from its very start instead,
        // filtering row by row: 7.6 s for the same page, and worse the longer the history before the dates
        // asked for. The expression hides that index from the ORDER BY.
        String order = "COALESCE(r.occurred_at, r.occurred_at), r.id";
        List<RecordRow> rows = total == 0 ? List.of() : jdbc.sql("SELECT " + COLUMNS + " FROM " + from + " WHERE "
                        + where + " ORDER BY " + order + " LIMIT ? OFFSET ?")
                .params(pageParams).query(this::row).list();
        return new Page(total, page, size, withFileNames(rows));
    }

    private static boolean usesSettledOrder(RecordFilter f) {
        return !(f.sources().isEmpty() && f.paymentMethods().isEmpty() && f.categories().isEmpty()
                && f.stores().isEmpty() && f.statuses().isEmpty());
    }

    private String where(RecordFilter f, List<Object> params) {
        StringBuilder where = new StringBuilder("r.business_date >= ? AND r.business_date <= ?");
        params.add(f.from());
        params.add(f.to());
        in(where, params, "r.kind", f.kinds().stream().map(Enum::name).toList());
        // The summary's dimensions (docs/reports.md): a provider record reports under the order it settles (the
        // first, for a payment of several), under its provider as payment method, and under its own channel
        // and status when it settles none. Orders and bank credits are read as they are.
        in(where, params, "COALESCE(o.source, r.source)", f.sources());
        in(where, params, "CASE WHEN r.kind IN " + PROVIDER_KINDS + " THEN r.source ELSE r.payment_method END",
                f.paymentMethods());
        in(where, params, "CASE WHEN r.kind IN " + PROVIDER_KINDS + " THEN o.category ELSE r.category END",
                f.categories());
        in(where, params, "CASE WHEN r.kind IN " + PROVIDER_KINDS + " THEN o.store ELSE r.store END", f.stores());
        in(where, params, "COALESCE(o.status, r.status)", f.statuses());
        if (f.minAmount() != null) {
            where.append(" AND r.amount >= ?");
            params.add(f.minAmount());
        }
        if (f.maxAmount() != null) {
            where.append(" AND r.amount <= ?");
            params.add(f.maxAmount());
        }
        if (f.timeFrom() != null) {
            where.append(" AND r.occurred_at >= ?");
            params.add(Db.utc(f.timeFrom()));
        }
        if (f.timeTo() != null) {
            where.append(" AND r.occurred_at <= ?");
            params.add(Db.utc(f.timeTo()));
        }
        if (f.hourFrom() != null) {
            hours(where, params, f);
        }
        if (!f.discrepancyCodes().isEmpty()) {
            // The records open discrepancies of these codes are about, as the summary counts them.
            where.append(" AND EXISTS (SELECT 1 FROM recon_discrepancy d WHERE d.record_id = r.id AND d.status = 'OPEN'");
            in(where, params, "d.type", f.discrepancyCodes().stream().map(Enum::name).toList());
            where.append(")");
        }
        if (f.settled() != null) {
            settled(where, params, f);
        }
        return where.toString();
    }

    /**
     * The business-zone hour of {@code occurred_at} (stored UTC), in the filter's hours. The zone's offset is
     * added in SQL; should the zone change its offset near the dates asked for, each stretch between its
     * transitions gets its own offset.
     */
    private void hours(StringBuilder where, List<Object> params, RecordFilter f) {
        int a = f.hourFrom();
        int b = f.hourTo();
        List<String> stretches = new ArrayList<>();
        Instant start = f.from().minusDays(SETTLEMENT_DAYS + 1).atStartOfDay(zone).toInstant();
        Instant end = f.to().plusDays(SETTLEMENT_DAYS + 2).atStartOfDay(zone).toInstant();
        Instant lower = null;
        ZoneOffset offset = zone.getRules().getOffset(start);
        ZoneOffsetTransition next = zone.getRules().nextTransition(start);
        while (true) {
            Instant upper = next != null && next.getInstant().isBefore(end) ? next.getInstant() : null;
            String hour = "HOUR(TIMESTAMPADD(SECOND, " + offset.getTotalSeconds() + ", r.occurred_at))";
            StringBuilder stretch = new StringBuilder(a <= b
                    ? hour + " BETWEEN " + a + " AND " + b : "(" + hour + " >= " + a + " OR " + hour + " <= " + b + ")");
            if (lower != null) {
                stretch.append(" AND r.occurred_at >= ?");
                params.add(Db.utc(lower));
            }
            if (upper != null) {
                stretch.append(" AND r.occurred_at < ?");
                params.add(Db.utc(upper));
            }
            stretches.add("(" + stretch + ")");
            if (upper == null) {
                break;
            }
            lower = upper;
            offset = next.getOffsetAfter();
            next = zone.getRules().nextTransition(upper);
        }
        where.append(" AND r.occurred_at IS NOT NULL AND (").append(String.join(" OR ", stretches)).append(")");
    }

    /**
     * An order is settled when it is matched (a match not superseded) to a payment whose provider's payout for
     * the payment's day has reached the bank: a PAYOUT record {@code <NAME>-SETTLE-<yyyyMMdd>}; a provider's
     * record when its own provider's payout of its day has. Bank credits themselves are neither. Those credits
     * are few (a provider a day), so they are read first and the records are checked against them.
     */
    private void settled(StringBuilder where, List<Object> params, RecordFilter f) {
        Set<String> credited = new LinkedHashSet<>();
        List<Object> creditedParams = new ArrayList<>();
        jdbc.sql("SELECT r.order_no FROM recon_record r WHERE r.business_date >= ? AND r.business_date <= ? "
                        + "AND r.kind = 'PAYOUT' AND r.order_no IS NOT NULL")
                .params(f.from().minusDays(1), f.to().plusDays(SETTLEMENT_DAYS + 2))
                .query(rs -> {
                    Matcher m = PAYOUT_REFERENCE.matcher(rs.getString(1));
                    while (m.find()) {
                        String provider = providerByPayoutName.get(m.group(1).toUpperCase());
                        if (provider != null && credited.add(provider + " " + m.group(2))) {
                            creditedParams.add(provider);
                            creditedParams.add(LocalDate.parse(m.group(2), DateTimeFormatter.BASIC_ISO_DATE));
                        }
                    }
                });
        if (credited.isEmpty()) {
            where.append(f.settled() ? " AND 1 = 0" : " AND r.kind IN ('ORDER', 'PAYMENT', 'REFUND', 'FEE')");
            return;
        }
        String not = f.settled() ? "" : "NOT ";
        where.append(" AND ((r.kind = 'ORDER' AND ").append(not).append("EXISTS (SELECT 1 FROM recon_match m ")
                .append("JOIN recon_record p ON p.id = m.payment_record_id WHERE m.order_record_id = r.id ")
                .append("AND m.superseded_at IS NULL AND p.kind = 'PAYMENT' AND ")
                .append(credited("p", credited.size()))
                .append(")) OR (r.kind IN ").append(PROVIDER_KINDS).append(" AND ").append(not)
                .append(credited("r", credited.size())).append("))");
        params.addAll(creditedParams);
        params.addAll(creditedParams);
    }

    /** Whether the record {@code alias} is of a provider and day whose payout was credited. */
    private static String credited(String alias, int pairs) {
        return "(" + String.join(" OR ", Collections.nCopies(pairs,
                "(" + alias + ".source = ? AND " + alias + ".business_date = ?)")) + ")";
    }

    private static void in(StringBuilder where, List<Object> params, String column, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        where.append(" AND ").append(column).append(" IN (")
                .append(String.join(", ", Collections.nCopies(values.size(), "?"))).append(")");
        params.addAll(values);
    }

    private RecordRow row(ResultSet rs, int n) throws SQLException {
        int quantity = rs.getInt("quantity");
        Integer q = rs.wasNull() ? null : quantity;
        var occurred = rs.getObject("occurred_at", LocalDateTime.class);
        return new RecordRow(rs.getLong("id"), rs.getString("kind"), rs.getString("source"),
                rs.getObject("business_date", LocalDate.class), rs.getString("order_no"), rs.getString("txn_id"),
                rs.getString("refund_no"), rs.getBigDecimal("amount").setScale(2, RoundingMode.UNNECESSARY).toPlainString(),
                occurred == null ? null : Db.instant(occurred).atZone(zone).toOffsetDateTime(), rs.getString("store"),
                rs.getString("payment_method"), rs.getString("category"), rs.getString("status"), rs.getString("sku"), q,
                rs.getLong("import_id"), null, rs.getInt("line_no"));
    }

    private List<RecordRow> withFileNames(List<RecordRow> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Set<Long> ids = new HashSet<>();
        rows.forEach(r -> ids.add(r.importId()));
        Map<Long, String> names = new HashMap<>();
        List<Object> params = new ArrayList<>(ids);
        jdbc.sql("SELECT id, file_name FROM recon_import WHERE id IN ("
                        + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")")
                .params(params).query(rs -> {
                    names.put(rs.getLong(1), rs.getString(2));
                });
        return rows.stream().map(r -> new RecordRow(r.id(), r.kind(), r.source(), r.businessDate(), r.orderNo(),
                r.txnId(), r.refundNo(), r.amount(), r.occurredAt(), r.store(), r.paymentMethod(), r.category(),
                r.status(), r.sku(), r.quantity(), r.importId(), names.get(r.importId()), r.lineNo())).toList();
    }
}
