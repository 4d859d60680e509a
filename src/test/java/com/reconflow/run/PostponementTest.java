package com.reconflow.run;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How operations may say how long a run waits for its missing sources. */
class PostponementTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant NOW = Instant.parse("2027-08-02T01:00:00Z");

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource({
            "2h,       PT2H",
            "90m,      PT1H30M",
            "1d 4h,    PT28H",
            "1h30m,    PT1H30M",
            "PT45M,    PT45M",
            "p1d,      PT24H",
    })
    void aDurationIsWrittenShortOrInIso(String written, Duration meant) {
        assertThat(Postponement.until(null, written, NOW, SHANGHAI)).isEqualTo(NOW.plus(meant));
    }

    @Test
    void aTimeWithoutOffsetIsTheBusinessZonesAndOneWithOffsetIsTaken() {
        assertThat(Postponement.until("2027-08-02T14:00", "", NOW, SHANGHAI))
                .isEqualTo(Instant.parse("2027-08-02T06:00:00Z"));
        assertThat(Postponement.until("2027-08-02 14:00", null, NOW, SHANGHAI))
                .isEqualTo(Instant.parse("2027-08-02T06:00:00Z"));
        assertThat(Postponement.until("2027-08-02T14:00+02:00", null, NOW, SHANGHAI))
                .isEqualTo(Instant.parse("2027-08-02T12:00:00Z"));
    }

    @Test
    void exactlyOneInTheFutureAndReadableOrItIsRefused() {
        assertThatThrownBy(() -> Postponement.until(null, " ", NOW, SHANGHAI))
                .hasMessage("postponing needs either the time to wait until or how long to wait");
        assertThatThrownBy(() -> Postponement.until("2027-08-02T14:00", "2h", NOW, SHANGHAI))
                .hasMessage("postponing needs either the time to wait until or how long to wait");
        assertThatThrownBy(() -> Postponement.until("2027-08-02T08:30", null, NOW, SHANGHAI))
                .hasMessageStartingWith("the time to wait until has passed");
        assertThatThrownBy(() -> Postponement.until(null, "2 hours", NOW, SHANGHAI))
                .hasMessage("'2 hours' is not a duration such as 2h, 90m or PT2H");
        assertThatThrownBy(() -> Postponement.until(null, "0m", NOW, SHANGHAI))
                .hasMessageStartingWith("the time to wait until has passed");
        assertThatThrownBy(() -> Postponement.until("tomorrow", null, NOW, SHANGHAI))
                .hasMessage("'tomorrow' is not a date and time such as 2027-08-02T14:00");
    }
}
