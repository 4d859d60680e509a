package com.reconflow.run;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Until when operations' "postpone" lets a run wait for its missing sources: until a time (an ISO
 * date-time with offset, or a local one in the business zone, as the form's date-time field sends it)
 * or for a duration (ISO {@code PT2H}, or {@code 2h}, {@code 90m}, {@code 1d 4h}); exactly one of them,
 * and in the future.
 */
final class Postponement {

    private static final Pattern PART = Pattern.compile("(\\d+)([dhm])");

    private Postponement() {
    }

    static Instant until(Object until, Object duration, Instant now, ZoneId zone) {
        String at = until == null ? "" : until.toString().strip();
        String wait = duration == null ? "" : duration.toString().strip();
        if (at.isEmpty() == wait.isEmpty()) {
            throw new IllegalArgumentException("postponing needs either the time to wait until or how long to wait");
        }
        Instant result = at.isEmpty() ? now.plus(duration(wait)) : instant(at, zone);
        if (!result.isAfter(now)) {
            throw new IllegalArgumentException("the time to wait until has passed: " + result.atZone(zone));
        }
        return result;
    }

    private static Instant instant(String text, ZoneId zone) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text.replace(' ', 'T')).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not a date and time such as 2027-08-02T14:00");
            }
        }
    }

    static Duration duration(String text) {
        String compact = text.toLowerCase(Locale.ROOT).replace(" ", "");
        try {
            if (compact.startsWith("p")) {
                return Duration.parse(compact.toUpperCase(Locale.ROOT));
            }
            Matcher parts = PART.matcher(compact);
            Duration total = Duration.ZERO;
            int end = 0;
            while (parts.find() && parts.start() == end) {
                long amount = Long.parseLong(parts.group(1));
                total = total.plus(switch (parts.group(2)) {
                    case "d" -> Duration.ofDays(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofMinutes(amount);
                });
                end = parts.end();
            }
            if (end == 0 || end != compact.length()) {
                throw new DateTimeException(text);
            }
            return total;
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 2h, 90m or PT2H");
        }
    }
}
