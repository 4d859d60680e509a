package com.reconflow.ingest.format;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Cleaning and typed reading of single values, shared by all layouts. */
final class Cells {

    private static final Pattern PLAIN = Pattern.compile("[-+]?\\d+(\\.\\d+)?");
    private static final Pattern GROUPED = Pattern.compile("[-+]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

    private Cells() {
    }

    /** A value that cannot be read; the row is quarantined with the field's name and this message. */
    static final class BadValue extends RuntimeException {
        private final String field;

        BadValue(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    /**
     * The value without the decorations providers add so that Excel keeps it as text: Excel formula
     * {@code ="…"}, WeChat's leading backtick, padding spaces and TABs, a stray BOM.
     */
    static String clean(String raw) {
        if (raw == null) {
            return "";
        }
        String s = raw.replace("\uFEFF", "").strip();
        if (s.length() >= 3 && s.startsWith("=\"") && s.endsWith("\"")) {
            s = s.substring(2, s.length() - 1);
        } else if (s.startsWith("`")) {
            s = s.substring(1);
        }
        return s.strip();
    }

    static String orNull(String cleaned) {
        return cleaned == null || cleaned.isEmpty() ? null : cleaned;
    }

    /** A decimal as written (scale kept), tolerating ¥ and thousands separators like {@code 1,234.00}. */
    static BigDecimal decimal(String field, String raw) {
        String s = clean(raw).replace("¥", "").replace("￥", "").strip();
        if (s.isEmpty()) {
            throw new BadValue(field, field + " is empty");
        }
        if (PLAIN.matcher(s).matches()) {
            return new BigDecimal(s);
        }
        if (GROUPED.matcher(s).matches()) {
            return new BigDecimal(s.replace(",", ""));
        }
        throw new BadValue(field, field + " '" + clean(raw) + "' is not a decimal number");
    }

    /** Money in yuan with exactly 2 decimals; more decimals is an error, never a rounding. */
    static BigDecimal money(String field, String raw) {
        BigDecimal d = decimal(field, raw);
        if (d.stripTrailingZeros().scale() > 2) {
            throw new BadValue(field, field + " '" + clean(raw) + "' has more than 2 decimals");
        }
        return d.setScale(2);
    }

    /** Money that must not be negative. */
    static BigDecimal nonNegativeMoney(String field, String raw) {
        BigDecimal d = money(field, raw);
        if (d.signum() < 0) {
            throw new BadValue(field, field + " '" + clean(raw) + "' is negative");
        }
        return d;
    }

    /** A fee as the provider writes it (sign and precision kept); null when empty. */
    static BigDecimal fee(String field, String raw) {
        return clean(raw).isEmpty() ? null : decimal(field, raw);
    }

    /** A local {@code yyyy-MM-dd HH:mm:ss} time in the file's zone. */
    static OffsetDateTime time(String field, String raw, ZoneId zone) {
        String s = clean(raw);
        if (s.isEmpty()) {
            throw new BadValue(field, field + " is empty");
        }
        try {
            LocalDateTime plain = plainTime(s);
            return (plain != null ? plain : LocalDateTime.parse(s, TIME)).atZone(zone).toOffsetDateTime();
        } catch (DateTimeException e) {
            throw new BadValue(field, field + " '" + s + "' is not a time like 2026-11-20 13:45:00");
        }
    }

    /**
     * A time written exactly {@code yyyy-MM-dd HH:mm:ss} in ASCII digits, read without the formatter
     * (a third of a row's reading); null for anything else, which the formatter then reads or refuses.
     * An impossible date or time (2026-02-30, 24:00:00) is refused either way.
     */
    private static LocalDateTime plainTime(String s) {
        if (s.length() != 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != ' '
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        for (int i : new int[] {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18}) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return null;
            }
        }
        return LocalDateTime.of(digits(s, 0, 4), digits(s, 5, 7), digits(s, 8, 10), digits(s, 11, 13),
                digits(s, 14, 16), digits(s, 17, 19));
    }

    private static int digits(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + s.charAt(i) - '0';
        }
        return n;
    }

    static String required(String field, String cleaned) {
        if (cleaned.isEmpty()) {
            throw new BadValue(field, field + " is empty");
        }
        return cleaned;
    }

    static String oneOf(String field, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw new BadValue(field, field + " '" + value + "' is not one of "
                    + String.join(", ", new TreeSet<>(allowed)));
        }
        return value;
    }
}
