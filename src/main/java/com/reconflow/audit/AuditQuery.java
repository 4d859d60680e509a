package com.reconflow.audit;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * What an auditor asks: everything about one order, one run, one person's doing, or one period, or any
 * combination of these (all must hold). {@code from} is inclusive, {@code to} exclusive.
 */
record AuditQuery(String orderNo, Long runId, String user, Instant from, Instant to) {

    AuditQuery {
        orderNo = blankToNull(orderNo);
        user = blankToNull(user);
        if (orderNo == null && runId == null && user == null && from == null && to == null) {
            throw new IllegalArgumentException("give at least one of orderNo, runId, user, from, to");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
    }

    /**
     * From the request's texts: an ISO-8601 date-time with offset is that instant; a date is a whole day of
     * the business zone, so {@code from=2026-11-20&to=2026-11-20} is that one day.
     */
    static AuditQuery of(String orderNo, Long runId, String user, String from, String to, ZoneId zone) {
        return new AuditQuery(orderNo, runId, user, instant("from", from, zone, false), instant("to", to, zone, true));
    }

    /** The filters that are checked on each entry itself; an order's entries are found by its scope. */
    boolean admits(AuditEntry entry) {
        Instant at = entry.at().toInstant();
        return (user == null || user.equals(entry.actor()))
                && (runId == null || runId.equals(entry.runId()))
                && (from == null || !at.isBefore(from))
                && (to == null || at.isBefore(to));
    }

    /** A person's name, not {@code system}: entries by the system are left out when it is given. */
    boolean asksForPerson() {
        return user != null && !AuditEntry.SYSTEM.equals(user);
    }

    /** Whether entries the system writes (runs matched, discrepancies raised) can be asked for. */
    boolean admitsSystem() {
        return user == null || AuditEntry.SYSTEM.equals(user);
    }

    private static Instant instant(String name, String value, ZoneId zone, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(name + " '" + value + "' is neither a date (2026-11-20) nor a "
                    + "date-time with offset (2026-11-20T09:30:00+08:00)");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
