package com.reconflow.search;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.reconflow.ingest.RecordKind;
import com.reconflow.matching.DiscrepancyType;

/**
 * The report filters, as {@code GET /api/reports/summary} takes them, plus {@code kind} and {@code date} for the
 * drill-down. Lists are comma-separated and mean "any of"; every filter given must hold. Dates are business
 * dates (inclusive), {@code from}/{@code to} default to the last 30 days up to today; hours are the
 * business-zone hour of the record's time, inclusive, wrapping past midnight when {@code hourFrom > hourTo};
 * {@code timeFrom} and {@code timeTo} are inclusive, as the summary reads them.
 */
record RecordFilter(LocalDate from, LocalDate to, List<RecordKind> kinds, List<String> sources,
                    List<String> paymentMethods, List<String> categories, List<String> stores, List<String> statuses,
                    List<DiscrepancyType> discrepancyCodes, Integer hourFrom, Integer hourTo, BigDecimal minAmount,
                    BigDecimal maxAmount, Instant timeFrom, Instant timeTo, Boolean settled) {

    static final int DEFAULT_DAYS = 30;

    static RecordFilter parse(Map<String, String> params, LocalDate today) {
        LocalDate date = date(params, "date");
        LocalDate from = date(params, "from");
        LocalDate to = date(params, "to");
        if (date != null && (from != null || to != null)) {
            throw new BadParameter("date", "give either date or from/to");
        }
        if (date != null) {
            from = date;
            to = date;
        }
        to = to == null ? today : to;
        from = from == null ? to.minusDays(DEFAULT_DAYS - 1) : from;
        if (from.isAfter(to)) {
            throw new BadParameter("from", from + " is after to " + to);
        }
        Integer hourFrom = hour(params, "hourFrom");
        Integer hourTo = hour(params, "hourTo");
        if (hourFrom != null || hourTo != null) {
            hourFrom = hourFrom == null ? 0 : hourFrom;
            hourTo = hourTo == null ? 23 : hourTo;
        }
        BigDecimal minAmount = amount(params, "minAmount");
        BigDecimal maxAmount = amount(params, "maxAmount");
        Instant timeFrom = instant(params, "timeFrom");
        Instant timeTo = instant(params, "timeTo");
        return new RecordFilter(from, to,
                list(params, "kind", v -> RecordKind.valueOf(v.toUpperCase())),
                list(params, "source"), list(params, "paymentMethod"), list(params, "category"), list(params, "store"),
                list(params, "status"),
                list(params, "discrepancyCode", v -> DiscrepancyType.valueOf(v.toUpperCase())),
                hourFrom, hourTo, minAmount, maxAmount, timeFrom, timeTo, bool(params, "settled"));
    }

    static List<String> list(Map<String, String> params, String name) {
        return list(params, name, Function.identity());
    }

    private static <T> List<T> list(Map<String, String> params, String name, Function<String, T> read) {
        String value = params.get(name);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).map(v -> {
            try {
                return read.apply(v);
            } catch (IllegalArgumentException e) {
                throw new BadParameter(name, "unknown value \"" + v + "\"");
            }
        }).distinct().toList();
    }

    static LocalDate date(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new BadParameter(name, "\"" + value + "\" is not a date (yyyy-MM-dd)");
        }
    }

    /**
     * An ISO-8601 time with its offset ({@code 2028-06-01T22:00:00+08:00}, {@code …Z}). A {@code +} sent
     * unencoded in a query string arrives as a space; it is read as the {@code +} it was.
     */
    static Instant instant(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip().replace(' ', '+');
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadParameter(name, "\"" + value + "\" is not a time with offset (2028-06-01T22:00:00+08:00)");
        }
    }

    static Integer integer(Map<String, String> params, String name, int min, int max) {
        String value = params.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number < min || number > max) {
                throw new BadParameter(name, value + " is not between " + min + " and " + max);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new BadParameter(name, "\"" + value + "\" is not a whole number");
        }
    }

    private static Integer hour(Map<String, String> params, String name) {
        return integer(params, name, 0, 23);
    }

    private static BigDecimal amount(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            throw new BadParameter(name, "\"" + value + "\" is not an amount");
        }
    }

    private static Boolean bool(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadParameter(name, "\"" + value + "\" is neither true nor false");
        };
    }
}
