package com.reconflow.ingest.http;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When to try again after a 429 or a 5xx: after what the server asks for in {@code Retry-After}, or
 * else after base delay × 2^(attempt − 1); never longer than the maximum delay.
 */
record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max-attempts must be at least 1, not " + maxAttempts);
        }
        if (baseDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("retry delays must not be negative");
        }
    }

    static RetryPolicy of(ChannelApiProperties.Http http) {
        return new RetryPolicy(http.maxAttempts(), http.baseDelay(), http.maxDelay());
    }

    /** The pause after the given failed attempt (1-based). */
    Duration delayAfter(int failedAttempt, Optional<Duration> retryAfter) {
        Duration delay = retryAfter.orElseGet(() -> exponential(failedAttempt));
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    private Duration exponential(int failedAttempt) {
        int doublings = Math.min(failedAttempt - 1, 30);
        try {
            return baseDelay.multipliedBy(1L << doublings);
        } catch (ArithmeticException tooLong) {
            return maxDelay;
        }
    }

    /** {@code Retry-After} as seconds or as an HTTP date; empty when absent or unreadable. */
    static Optional<Duration> parseRetryAfter(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.chars().allMatch(Character::isDigit)) {
            // Absurdly many seconds are capped by the maximum delay like any other long wait.
            return Optional.of(v.length() > 12 ? Duration.ofSeconds(Long.MAX_VALUE) : Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            Duration until = Duration.between(clock.instant(),
                    ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return Optional.of(until.isNegative() ? Duration.ZERO : until);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
