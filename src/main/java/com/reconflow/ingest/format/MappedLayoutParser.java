package com.reconflow.ingest.format;

import com.reconflow.ingest.CanonicalRecord;
import com.reconflow.ingest.RecordKind;
import com.reconflow.ingest.RecordSink;
import com.reconflow.ingest.format.Cells.BadValue;
import com.reconflow.ingest.format.Mapping.KindRule;
import com.reconflow.ingest.format.Mapping.Money;
import com.reconflow.ingest.format.Mapping.Time;
import com.reconflow.ingest.format.Mapping.Value;
import com.reconflow.ingest.format.Table.Row;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;

/**
 * A CSV or XLSX layout described by a {@link Mapping} instead of code: recognised by its header names,
 * read with the same readers and value rules (¥, thousands separators, {@code ="…"}, TAB and backtick
 * padding) as the built-in layouts.
 */
public final class MappedLayoutParser implements ChannelFileParser {

    /** What XLSX date cells read as, whatever pattern the mapping gives for text dates. */
    private static final DateTimeFormatter CELL_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");

    private final Mapping mapping;
    private final CSVFormat csv;

    public MappedLayoutParser(Mapping mapping) {
        this.mapping = mapping;
        this.csv = Table.QUOTED.builder().setDelimiter(mapping.delimiter()).get();
    }

    public Mapping mapping() {
        return mapping;
    }

    @Override
    public String formatId() {
        return mapping.formatId();
    }

    @Override
    public boolean recognises(ChannelFile file) {
        List<String> header;
        if (file.isZip()) {
            header = SheetTable.firstRow(file, mapping.skipLines());
        } else {
            String head = mapping.charset() == null ? file.head() : decode(file.headBytes());
            header = Table.firstCells(head, mapping.skipLines(), csv, l -> false);
        }
        return header.containsAll(mapping.recognise());
    }

    @Override
    public void parse(ChannelFile file, RecordSink sink) {
        List<String> required = mapping.columns();
        if (file.isZip()) {
            SheetTable.simple(file, mapping.skipLines(), required, h -> row -> toRecord(h, row, file.zone()), sink);
        } else {
            Table.simple(file, mapping.charset(), mapping.skipLines(), csv, UnaryOperator.identity(), required,
                    h -> row -> toRecord(h, row, file.zone()), sink);
        }
    }

    private String decode(byte[] head) {
        String text = new String(head, mapping.charset());
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    CanonicalRecord toRecord(Header h, Row row, ZoneId zone) {
        List<String> c = row.cells();
        BigDecimal signed = signed(h, c, mapping.amount());
        RecordKind kind = kind(h, c, signed);
        OffsetDateTime at = time(h, c, mapping.occurredAt(), zone);
        LocalDate businessDate = mapping.businessDate() == null ? at.toLocalDate()
                : time(h, c, mapping.businessDate(), zone).toLocalDate();
        String orderNo = text(h, c, "orderNo");
        String txnId = text(h, c, "txnId");
        if (orderNo == null && txnId == null) {
            throw new BadValue(field("orderNo", "txnId"), "neither " + field("orderNo", "txnId") + " nor "
                    + field("txnId", "orderNo") + " has a value");
        }
        String money = mapping.amount().field();
        BigDecimal amount = signed.abs();
        if (amount.stripTrailingZeros().scale() > 2) {
            throw new BadValue(money, money + " '" + signed.toPlainString() + "' has more than 2 decimals");
        }
        BigDecimal fee = mapping.fee() != null ? optionalSigned(h, c, mapping.fee())
                : kind == RecordKind.FEE ? signed : null;
        String status = text(h, c, "status");
        String currency = text(h, c, "currency");
        Map<String, String> attributes = mapping.attributes().all()
                ? h.others(c, mapping.fieldColumns()) : h.attributes(c, mapping.attributes().named());
        return new CanonicalRecord(kind, businessDate, orderNo, txnId,
                kind == RecordKind.REFUND ? text(h, c, "refundNo") : null, amount.setScale(2), fee,
                currency == null ? "CNY" : currency,
                status != null ? status : kind == RecordKind.ORDER ? "PAID" : "SUCCESS", at,
                text(h, c, "store"), text(h, c, "paymentMethod"), text(h, c, "category"), row.line(), row.raw(),
                attributes);
    }

    private String field(String preferred, String other) {
        Value v = mapping.text(preferred);
        return v != null ? v.field(preferred) : mapping.text(other).field(other);
    }

    private RecordKind kind(Header h, List<String> c, BigDecimal signed) {
        for (KindRule rule : mapping.kind()) {
            boolean matches = rule.when().entrySet().stream().allMatch(w -> w.getValue().contains(h.get(c, w.getKey())))
                    && (rule.amountSign() == null || switch (rule.amountSign()) {
                        case POSITIVE -> signed.signum() > 0;
                        case NEGATIVE -> signed.signum() < 0;
                        case ZERO -> signed.signum() == 0;
                    });
            if (matches) {
                return rule.is();
            }
        }
        Set<String> columns = mapping.kind().stream().flatMap(r -> r.when().keySet().stream())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        String values = columns.stream().map(col -> col + " '" + h.get(c, col) + "'").collect(Collectors.joining(", "));
        String field = columns.isEmpty() ? mapping.amount().field() : columns.iterator().next();
        throw new BadValue(field, "no kind rule of " + mapping.formatId() + " matches "
                + (values.isEmpty() ? "" : values + ", ") + "amount " + signed.toPlainString());
    }

    /** A text field's value, null when empty or not mapped. */
    private String text(Header h, List<String> c, String name) {
        Value v = mapping.text(name);
        if (v == null) {
            return null;
        }
        String raw;
        if (v.constant() != null) {
            raw = v.constant();
        } else if (v.column() != null) {
            raw = h.get(c, v.column());
        } else if (v.columns() != null) {
            raw = v.columns().stream().map(col -> h.get(c, col)).filter(s -> !s.isEmpty()).findFirst().orElse("");
        } else {
            raw = fill(v.template(), h, c);
        }
        if (raw.isEmpty() || v.values() == null) {
            return Cells.orNull(raw);
        }
        String mapped = v.values().get(raw);
        if (mapped == null) {
            String field = v.field(name);
            throw new BadValue(field, field + " '" + raw + "' is not one of "
                    + String.join(", ", new TreeSet<>(v.values().keySet())));
        }
        return Cells.orNull(mapped);
    }

    /** The template with each {column} replaced; empty when any of its columns is empty. */
    private static String fill(String template, Header h, List<String> c) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = h.get(c, m.group(1));
            if (value.isEmpty()) {
                return "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The amount with its sign: as written, added up, from an income/expense pair, or set by a direction column. */
    private static BigDecimal signed(Header h, List<String> c, Money money) {
        BigDecimal value = optionalSigned(h, c, money);
        if (value == null) {
            throw new BadValue(money.field(), money.field() + " is empty");
        }
        return value;
    }

    private static BigDecimal optionalSigned(Header h, List<String> c, Money money) {
        BigDecimal value;
        if (money.column() != null) {
            value = decimal(money.column(), h.get(c, money.column()));
        } else if (money.sum() != null) {
            value = null;
            for (String col : money.sum()) {
                BigDecimal part = decimal(col, h.get(c, col));
                value = part == null ? value : value == null ? part : value.add(part);
            }
        } else {
            BigDecimal in = decimal(money.income(), h.get(c, money.income()));
            BigDecimal out = decimal(money.expense(), h.get(c, money.expense()));
            boolean hasIn = in != null && in.signum() != 0;
            boolean hasOut = out != null && out.signum() != 0;
            if (hasIn && hasOut) {
                throw new BadValue(money.expense(), "both " + money.income() + " and " + money.expense()
                        + " have an amount; a row moves money one way");
            }
            value = hasOut ? out.abs().negate() : hasIn ? in.abs() : in != null ? in : out;
        }
        if (value == null || money.direction() == null) {
            return value;
        }
        String column = money.direction().column();
        String way = h.get(c, column);
        if (money.direction().income().contains(way)) {
            return value.abs();
        }
        if (money.direction().expense().contains(way)) {
            return value.abs().negate();
        }
        throw new BadValue(column, column + " '" + way + "' is not one of "
                + String.join(", ", money.direction().income()) + " (income) or "
                + String.join(", ", money.direction().expense()) + " (expense)");
    }

    /** A decimal as written, tolerating a trailing 元 as well as what {@link Cells#decimal} does; null when empty. */
    private static BigDecimal decimal(String field, String value) {
        String v = value.endsWith("元") ? value.substring(0, value.length() - 1).strip() : value;
        return v.isEmpty() ? null : Cells.decimal(field, v);
    }

    private static OffsetDateTime time(Header h, List<String> c, Time time, ZoneId zone) {
        String value = Cells.required(time.column(), h.get(c, time.column()));
        for (DateTimeFormatter f : List.of(time.formatter(), CELL_TIME)) {
            try {
                TemporalAccessor t = f.parseBest(value, LocalDateTime::from, LocalDate::from);
                LocalDateTime local = t instanceof LocalDateTime ldt ? ldt : ((LocalDate) t).atStartOfDay();
                return local.atZone(zone).toOffsetDateTime();
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        throw new BadValue(time.column(), time.column() + " '" + value + "' is not a time like " + time.pattern());
    }

    @Override
    public String toString() {
        return mapping.toString();
    }
}
