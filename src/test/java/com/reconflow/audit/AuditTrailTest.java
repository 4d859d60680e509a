package com.reconflow.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The query's filters and the trail's cap, without the application. */
class AuditTrailTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant T0 = Instant.parse("2023-09-27T02:00:00Z");

    @Test
    void aDateIsAWholeDayOfTheBusinessZoneAndADateTimeAnInstant() {
        AuditQuery day = AuditQuery.of(null, null, null, "2023-09-27", "2023-09-27", SHANGHAI);
        assertThat(day.from()).isEqualTo(Instant.parse("2023-09-26T16:00:00Z"));
        assertThat(day.to()).isEqualTo(Instant.parse("2023-09-27T16:00:00Z"));

        AuditQuery moment = AuditQuery.of(null, null, null, "2023-09-27T10:00:00+08:00", "2023-09-27T02:00:01Z", SHANGHAI);
        assertThat(moment.from()).isEqualTo(T0);
        assertThat(moment.admits(entry(T0, "finance", 1L))).as("from is inclusive").isTrue();
        assertThat(moment.admits(entry(T0.plusSeconds(1), "finance", 1L))).as("to is exclusive").isFalse();
    }

    @Test
    void aQueryNeedsAFilterAndReadableTimes() {
        assertThatThrownBy(() -> AuditQuery.of(" ", null, "", null, null, SHANGHAI))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one of");
        assertThatThrownBy(() -> AuditQuery.of(null, null, null, "27.09.2023", null, SHANGHAI))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from '27.09.2023'");
        assertThatThrownBy(() -> AuditQuery.of(null, null, null, "2023-09-27T10:00:00", null, SHANGHAI))
                .as("a time without offset is ambiguous").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuditQuery.of(null, null, null, "2023-09-28", "2023-09-27", SHANGHAI))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before");
    }

    @Test
    void personRunAndPeriodAreCheckedOnEachEntry() {
        AuditQuery query = new AuditQuery(null, 7L, "finance", null, null);
        assertThat(query.admits(entry(T0, "finance", 7L))).isTrue();
        assertThat(query.admits(entry(T0, "manager", 7L))).isFalse();
        assertThat(query.admits(entry(T0, "finance", 8L))).isFalse();
        assertThat(query.admits(entry(T0, "finance", null))).as("an entry of no run is of no run asked for").isFalse();
        assertThat(query.asksForPerson()).isTrue();
        assertThat(query.admitsSystem()).isFalse();
        assertThat(new AuditQuery(null, null, "system", null, null).admitsSystem()).isTrue();
    }

    @Test
    void theTrailIsOldestFirstAcrossSources() {
        var collector = new AuditTrail.Collector(10);
        collector.addAll(List.of(entry(T0.plusSeconds(5), "a", null), entry(T0.plusSeconds(1), "b", null)));
        collector.add(List.of(T0.plusSeconds(3), T0.plusSeconds(3)), t -> t, t -> List.of(entry(t, "c", null)));
        AuditTrail trail = collector.trail(new AuditQuery(null, null, null, T0, null));
        assertThat(trail.entries()).extracting(AuditEntry::actor).containsExactly("b", "c", "c", "a");
        assertThat(trail.capped()).isFalse();
    }

    @Test
    void aSourceThatHadMoreEndsTheTrailBeforeWhatItLeftOut() {
        var collector = new AuditTrail.Collector(3);
        // A source read limit + 1 rows: its fourth row's time is where completeness ends.
        collector.add(IntStream.of(1, 2, 4, 6).mapToObj(T0::plusSeconds).toList(), t -> t,
                t -> List.of(entry(t, "busy", null)));
        collector.addAll(List.of(entry(T0.plusSeconds(3), "other", null), entry(T0.plusSeconds(7), "other", null)));
        AuditTrail trail = collector.trail(new AuditQuery(null, null, null, T0, null));
        assertThat(trail.capped()).isTrue();
        assertThat(trail.entries()).extracting(e -> e.at().toInstant())
                .containsExactly(T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(3));

        var many = new AuditTrail.Collector(2);
        many.addAll(IntStream.range(0, 5).mapToObj(i -> entry(T0.plusSeconds(i), "x", null)).toList());
        AuditTrail cut = many.trail(new AuditQuery(null, null, "x", null, null));
        assertThat(cut.capped()).isTrue();
        assertThat(cut.entries()).hasSize(2);
    }

    @Test
    void anEntryIsWrittenToTheMillisecondWithTheZonesOffset() {
        AuditEntry entry = new AuditEntry(OffsetDateTime.parse("2023-09-27T10:00+08:00"), "finance", "IMPORTED", 1L,
                LocalDate.of(2023, 9, 27), "AT1", null, "pos.csv", "import #1", AuditEntry.RECONFLOW);
        assertThat(entry.cells()).containsExactly("2023-09-27T10:00:00.000+08:00", "finance", "IMPORTED", "1",
                "2023-09-27", "AT1", null, "pos.csv", "import #1", "reconflow");
        assertThat(CamundaTrail.operationAction("SetJobRetries")).isEqualTo("SET_JOB_RETRIES");
        assertThat(CamundaTrail.operationAction("Claim")).isEqualTo("CLAIM");
    }

    private static AuditEntry entry(Instant at, String actor, Long runId) {
        return new AuditEntry(at.atZone(SHANGHAI).toOffsetDateTime(), actor, "X", runId, null, null, null, "s", "d",
                AuditEntry.RECONFLOW);
    }
}
