package com.reconflow.ingest.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private final RetryPolicy retry = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(10));
    private final Clock clock = Clock.fixed(Instant.parse("2025-03-11T08:00:00Z"), ZoneOffset.UTC);

    @Test
    void waitsTwiceAsLongAfterEachFailureUpToTheMaximum() {
        assertThat(retry.delayAfter(1, Optional.empty())).isEqualTo(Duration.ofMillis(200));
        assertThat(retry.delayAfter(2, Optional.empty())).isEqualTo(Duration.ofMillis(400));
        assertThat(retry.delayAfter(4, Optional.empty())).isEqualTo(Duration.ofMillis(1600));
        assertThat(retry.delayAfter(10, Optional.empty())).isEqualTo(Duration.ofSeconds(10));
        assertThat(retry.delayAfter(100, Optional.empty())).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void waitsWhatRetryAfterAsksForButNeverLongerThanTheMaximum() {
        assertThat(retry.delayAfter(1, RetryPolicy.parseRetryAfter("3", clock))).isEqualTo(Duration.ofSeconds(3));
        assertThat(retry.delayAfter(1, RetryPolicy.parseRetryAfter("3600", clock))).isEqualTo(Duration.ofSeconds(10));
        assertThat(retry.delayAfter(1, RetryPolicy.parseRetryAfter("99999999999999999999", clock)))
                .isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void readsRetryAfterAsSecondsOrAsAnHttpDate() {
        assertThat(RetryPolicy.parseRetryAfter("120", clock)).contains(Duration.ofSeconds(120));
        assertThat(RetryPolicy.parseRetryAfter("Tue, 11 Mar 2025 08:00:07 GMT", clock)).contains(Duration.ofSeconds(7));
        assertThat(RetryPolicy.parseRetryAfter("Tue, 11 Mar 2025 07:59:00 GMT", clock)).contains(Duration.ZERO);
        assertThat(RetryPolicy.parseRetryAfter("soon", clock)).isEmpty();
        assertThat(RetryPolicy.parseRetryAfter(null, clock)).isEmpty();
    }
}
