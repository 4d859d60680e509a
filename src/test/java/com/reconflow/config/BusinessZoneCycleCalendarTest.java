package com.reconflow.config;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.TimeZone;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A cron of the timers is read in the business zone, whatever zone the server runs in. */
class BusinessZoneCycleCalendarTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Date SATURDAY_NOON_IN_SHANGHAI = Date.from(Instant.parse("2026-12-05T04:00:00Z"));

    private TimeZone serverZone;

    @BeforeEach
    void serverInUtc() {
        serverZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    }

    @AfterEach
    void restoreServerZone() {
        TimeZone.setDefault(serverZone);
    }

    @Test
    void twoInTheMorningIsTwoInTheMorningInShanghaiOnAServerInUtc() {
        Date due = new BusinessZoneCycleCalendar(SHANGHAI).resolveDuedate("0 0 2 * * *", SATURDAY_NOON_IN_SHANGHAI, 0);

        assertThat(due.toInstant()).isEqualTo(Instant.parse("2026-12-05T18:00:00Z"))
                .isEqualTo(Instant.parse("2026-12-06T02:00:00+08:00"));
        assertThat(new CycleBusinessCalendar().resolveDuedate("0 0 2 * * *", SATURDAY_NOON_IN_SHANGHAI, 0).toInstant())
                .as("the engine's own calendar reads it in the server's zone: 10:00 in Shanghai")
                .isEqualTo(Instant.parse("2026-12-06T02:00:00Z"));
    }

    @Test
    void weekdaysAndDaylightSavingFollowTheBusinessZonesCalendar() {
        Date monday = new BusinessZoneCycleCalendar(SHANGHAI)
                .resolveDuedate("0 30 6 * * MON-FRI", SATURDAY_NOON_IN_SHANGHAI, 0);
        assertThat(monday.toInstant()).isEqualTo(Instant.parse("2026-12-07T06:30:00+08:00"));

        // 02:30 in Berlin on the night summer time begins does not exist: the next day's 02:30, summer time.
        Date berlin = new BusinessZoneCycleCalendar(ZoneId.of("Europe/Berlin"))
                .resolveDuedate("0 30 2 * * *", Date.from(Instant.parse("2027-03-28T00:00:00Z")), 0);
        assertThat(berlin.toInstant()).isEqualTo(Instant.parse("2027-03-29T02:30:00+02:00"));
    }

    @Test
    void repeatingIntervalsKeepTheirOwnStartAndABadCronIsRefused() {
        Date hourly = new BusinessZoneCycleCalendar(SHANGHAI)
                .resolveDuedate("R/2026-12-05T10:00:00+08:00/PT1H", SATURDAY_NOON_IN_SHANGHAI, 0);
        assertThat(hourly.toInstant()).isEqualTo(Instant.parse("2026-12-05T13:00:00+08:00"));

        assertThatThrownBy(() -> new BusinessZoneCycleCalendar(SHANGHAI)
                .resolveDuedate("0 0 25 * * *", SATURDAY_NOON_IN_SHANGHAI, 0))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("'0 0 25 * * *' is not a cron expression");
    }
}
