package com.reconflow.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A summary's question, read from the query parameters of {@code GET /api/reports/summary} (and of the
 * dashboard and the drill-down, which share the filter names). Every value is checked here; a bad one is a
 * {@link BadParameter} naming the parameter.
 */
record SummaryQuery(List<Dimension> groupBy, LocalDate from, LocalDate to, Map<Dimension, List<String>> filters,
                    Integer hourFrom, Integer hourTo, BigDecimal minAmount, BigDecimal maxAmount,
                    OffsetDateTime timeFrom, OffsetDateTime timeTo, Boolean settled) {

    /** The default range: the last 30 days up to today. */
    static final int DEFAULT_DAYS = 30;
    /** A longer range is refused: the records behind it would be too many to read in one answer. */
    static final int MAX_DAYS = 400;

    static SummaryQuery parse(Map<String, String> params, LocalDate today) {
        List<Dimension> groupBy = new ArrayList<>();
        for (String name : list(params.get("groupBy"))) {
            Dimension d = Dimension.byParam(name).orElseThrow(() -> new BadParameter("groupBy",
                    "unknown dimension '" + name + "'; one of source, date, paymentMethod, category, store, hour, "
                            + "status, discrepancyCode"));
            if (!groupBy.contains(d)) {
                groupBy.add(d);
            }
        }
        LocalDate to = date(params, "to", today);
        LocalDate from = date(params, "from", to.minusDays(DEFAULT_DAYS - 1));
        if (from.isAfter(to)) {
            throw new BadParameter("from", "from " + from + " is after to " + to);
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new BadParameter("from", "at most " + MAX_DAYS + " days at once");
        }
        Map<Dimension, List<String>> filters = new EnumMap<>(Dimension.class);
        for (Dimension d : List.of(Dimension.SOURCE, Dimension.PAYMENT_METHOD, Dimension.CATEGORY, Dimension.STORE,
                Dimension.STATUS, Dimension.DISCREPANCY_CODE)) {
            List<String> values = list(params.get(d.param));
            if (!values.isEmpty()) {
                filters.put(d, values);
            }
        }
        Integer hourFrom = hour(params, "hourFrom");
        Integer hourTo = hour(params, "hourTo");
        BigDecimal minAmount = amount(params, "minAmount");
        BigDecimal maxAmount = amount(params, "maxAmount");
        OffsetDateTime timeFrom = time(params, "timeFrom");
        OffsetDateTime timeTo = time(params, "timeTo");
        if (timeFrom != null && timeTo != null && timeFrom.isAfter(timeTo)) {
            throw new BadParameter("timeFrom", "timeFrom is after timeTo");
        }
        Boolean settled = null;
        String s = blankToNull(params.get("settled"));
        if (s != null) {
            if (!s.equals("true") && !s.equals("false")) {
                throw new BadParameter("settled", "true or false, not '" + s + "'");
            }
            settled = Boolean.valueOf(s);
        }
        return new SummaryQuery(List.copyOf(groupBy), from, to, filters, hourFrom, hourTo, minAmount, maxAmount,
                timeFrom, timeTo, settled);
    }

    /** Every dimension the question groups or filters by. */
    Set<Dimension> dimensionsUsed() {
        Set<Dimension> used = EnumSet.noneOf(Dimension.class);
        used.addAll(groupBy);
        used.addAll(filters.keySet());
        if (hourFrom != null || hourTo != null) {
            used.add(Dimension.HOUR);
        }
        return used;
    }

    /**
     * Whether the rollups can answer: not for amount ranges or time ranges (the rollups keep no single
     * record), nor for discrepancy codes (a record's open discrepancies change with every decision).
     */
    boolean needsRecords() {
        return minAmount != null || maxAmount != null || timeFrom != null || timeTo != null
                || dimensionsUsed().contains(Dimension.DISCREPANCY_CODE);
    }

    SummaryQuery withGroupBy(List<Dimension> dimensions) {
        return new SummaryQuery(dimensions, from, to, filters, hourFrom, hourTo, minAmount, maxAmount, timeFrom, timeTo,
                settled);
    }

    private static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return List.copyOf(new LinkedHashSet<>(Arrays.stream(value.split(",")).map(String::strip)
                .filter(v -> !v.isEmpty()).toList()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static LocalDate date(Map<String, String> params, String name, LocalDate fallback) {
        String value = blankToNull(params.get(name));
        if (value == null) {
            return fallback;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadParameter(name, "a date yyyy-MM-dd, not '" + value + "'");
        }
    }

    private static Integer hour(Map<String, String> params, String name) {
        String value = blankToNull(params.get(name));
        if (value == null) {
            return null;
        }
        try {
            int hour = Integer.parseInt(value);
            if (hour >= 0 && hour <= 23) {
                return hour;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadParameter(name, "an hour 0-23, not '" + value + "'");
    }

    private static BigDecimal amount(Map<String, String> params, String name) {
        String value = blankToNull(params.get(name));
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new BadParameter(name, "an amount like 123.40, not '" + value + "'");
        }
    }

    private static OffsetDateTime time(Map<String, String> params, String name) {
        String value = blankToNull(params.get(name));
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadParameter(name, "an ISO-8601 time with offset like 2026-11-20T22:00:00+08:00, not '"
                    + value + "'");
        }
    }

    /** A query parameter with a value the report cannot use: answered 400 with the parameter's name. */
    static final class BadParameter extends RuntimeException {

        final String parameter;

        BadParameter(String parameter, String message) {
            super(parameter + ": " + message);
            this.parameter = parameter;
        }
    }
}
