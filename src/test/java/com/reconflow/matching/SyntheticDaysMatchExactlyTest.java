package com.reconflow.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.reconflow.demo.DemoDay;
import com.reconflow.demo.ExpectedCase;
import com.reconflow.demo.GroundTruth;
import com.reconflow.demo.SyntheticDayGenerator;
import com.reconflow.ingest.RecordKind;
import com.reconflow.matching.GeneratedDayRecords.Raised;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Generated days of several sizes and seeds, read by the real parsers and matched in memory, come
 * out exactly as their ground truth says: the same discrepancies (code, keys and amounts), each
 * planted match of its kind, the fallback's proposals, the late orders pending, and every other
 * order and payment in a one-to-one match.
 */
class SyntheticDaysMatchExactlyTest {

    private final DayMatcher matcher = new DayMatcher(MatchingRules.defaults());

    @ParameterizedTest(name = "{1} orders, seed {2}")
    @CsvSource({"2025-05-12, 2000, 1", "2025-05-13, 2000, 2", "2025-05-14, 2000, 3", "2025-05-15, 10000, 4"})
    void aGeneratedDayMatchesAsItsGroundTruthSays(LocalDate date, int orders, long seed) {
        DemoDay day = new SyntheticDayGenerator().generate(date, seed, orders);
        List<LedgerEntry> records = GeneratedDayRecords.read(day, new AtomicLong());

        assertRecordsAsTheTotalsSay(day.truth(), records);
        DayResult result = matcher.match(date, records, Map.of());
        assertComesOutAsTheTruthSays(day.truth(), records, result);
        assertThat(day.truth().of(ExpectedCase.PENDING)).as("late orders").isNotEmpty();
    }

    /**
     * The first day's late orders wait; carried into the next day's run they meet the payments the
     * providers booked after midnight, as timing matches, and nothing stays pending.
     */
    @Test
    void lateOrdersWaitOneDayAndMatchTheNextDaysPaymentsAsTiming() {
        LocalDate first = LocalDate.of(2025, 5, 20);
        List<DemoDay> days = new SyntheticDayGenerator().generateDays(first, 2, 11L, 2000);
        AtomicLong ids = new AtomicLong();

        List<LedgerEntry> firstRecords = GeneratedDayRecords.read(days.get(0), ids);
        DayResult firstResult = matcher.match(first, firstRecords, Map.of());
        assertComesOutAsTheTruthSays(days.get(0).truth(), firstRecords, firstResult);

        Map<Long, LocalDate> pendingSince = new HashMap<>();
        List<LedgerEntry> secondRecords = new ArrayList<>(GeneratedDayRecords.read(days.get(1), ids));
        assertRecordsAsTheTotalsSay(days.get(1).truth(), secondRecords);
        for (Pending p : firstResult.pending()) {
            secondRecords.add(p.entry());
            pendingSince.put(p.entry().id(), p.since());
        }
        DayResult secondResult = matcher.match(first.plusDays(1), secondRecords, pendingSince);

        assertComesOutAsTheTruthSays(days.get(1).truth(), secondRecords, secondResult);
        List<ExpectedCase> timing = days.get(1).truth().of(ExpectedCase.MATCH).stream()
                .filter(c -> c.kind().equals("TIMING")).toList();
        assertThat(timing).extracting(ExpectedCase::orderNo).as("the first day's late orders")
                .containsExactlyInAnyOrderElementsOf(days.get(0).truth().of(ExpectedCase.PENDING).stream()
                        .map(ExpectedCase::orderNo).toList());
        assertThat(secondResult.matches()).filteredOn(m -> m.kind() == MatchKind.TIMING)
                .hasSameSizeAs(timing)
                .allSatisfy(m -> assertThat(pendingSince).containsKey(m.order().id()));
    }

    @Test
    void theSameDateSeedAndSizeGiveTheSameBytes() {
        LocalDate date = LocalDate.of(2025, 5, 21);
        DemoDay day = new SyntheticDayGenerator().generate(date, 5L, 1000);
        assertThat(new SyntheticDayGenerator().generate(date, 5L, 1000)).isEqualTo(day);
        assertThat(new SyntheticDayGenerator().generate(date, 6L, 1000).files()).isNotEqualTo(day.files());
        assertThat(new SyntheticDayGenerator().generateDays(date, 2, 5L, 1000).get(0)).isEqualTo(day);
    }

    /** Without the mistyped order numbers a matcher that has no fallback rule finds exactly the rest. */
    @Test
    void aDayWithoutProposalsHasNoPairsForTheFallbackRule() {
        LocalDate date = LocalDate.of(2025, 5, 22);
        DemoDay day = new SyntheticDayGenerator().withoutProposals().generate(date, 8L, 2000);
        assertThat(day.truth().of(ExpectedCase.PROPOSED)).isEmpty();
        List<LedgerEntry> records = GeneratedDayRecords.read(day, new AtomicLong());
        DayResult result = matcher.match(date, records, Map.of());
        assertThat(result.proposals()).isEmpty();
        assertThat(result.findings()).extracting(Raised::of).containsExactlyInAnyOrderElementsOf(
                day.truth().of(ExpectedCase.DISCREPANCY).stream().map(Raised::of).toList());
    }

    // ---- the comparison ------------------------------------------------------------------------

    private static void assertRecordsAsTheTotalsSay(GroundTruth truth, List<LedgerEntry> records) {
        Map<String, Long> counted = new TreeMap<>(records.stream().collect(
                Collectors.groupingBy(e -> e.source() + "/" + e.kind(), Collectors.counting())));
        Map<String, Long> expected = new TreeMap<>();
        truth.totals().forEach((key, count) -> {
            if (key.startsWith("records,") && count > 0) {
                expected.put(key.substring("records,".length()), count);
            }
        });
        assertThat(counted).isEqualTo(expected);
        assertThat(records).filteredOn(e -> e.kind() != RecordKind.PAYOUT)
                .allSatisfy(e -> assertThat(e.occurredAt().toLocalDate()).isEqualTo(truth.businessDate()));
    }

    private static void assertComesOutAsTheTruthSays(GroundTruth truth, List<LedgerEntry> records, DayResult result) {
        assertThat(result.findings()).extracting(Raised::of).as("discrepancies")
                .containsExactlyInAnyOrderElementsOf(truth.of(ExpectedCase.DISCREPANCY).stream().map(Raised::of).toList());
        assertThat(truth.total(ExpectedCase.PROPOSED, "PROPOSAL")).as("planted proposals").isPositive();
        for (String code : List.of("MISSING_PAYMENT", "MISSING_ORDER", "AMOUNT_MISMATCH", "DUPLICATE_PAYMENT",
                "STATUS_CONFLICT", "REFUND_MISSING", "REFUND_UNEXPECTED", "REFUND_AMOUNT_MISMATCH", "FEE_MISMATCH",
                "PAYOUT_MISMATCH")) {
            assertThat(truth.total(ExpectedCase.DISCREPANCY, code)).as("planted " + code).isPositive();
        }

        assertThat(result.proposals()).extracting(p -> p.order().source() + " " + p.order().orderNo() + " "
                        + p.payment().source() + " " + p.payment().txnId() + " " + p.payment().orderNo()).as("proposals")
                .containsExactlyInAnyOrderElementsOf(truth.of(ExpectedCase.PROPOSED).stream().map(c -> c.source() + " "
                        + c.orderNo() + " " + c.counterSource() + " " + c.txnId() + " " + c.counterOrderNo()).toList());
        assertThat(result.proposals()).allSatisfy(p -> {
            assertThat(p.ruleId()).isEqualTo(DayMatcher.FALLBACK_RULE);
            assertThat(p.confidence()).isGreaterThanOrEqualTo(MatchingRules.defaults().fallbackMinConfidence());
        });

        assertThat(result.pending()).extracting(p -> p.entry().source() + " " + p.entry().orderNo()).as("pending")
                .containsExactlyInAnyOrderElementsOf(truth.of(ExpectedCase.PENDING).stream()
                        .map(c -> c.source() + " " + c.orderNo()).toList());

        // each planted match: of its kind, between the order and the payment (or refund) the truth names
        Set<String> made = result.matches().stream().map(m -> m.kind() + " " + m.order().source() + " "
                + m.order().orderNo() + " " + m.payment().source() + " " + m.payment().txnId()).collect(Collectors.toSet());
        List<ExpectedCase> planted = truth.of(ExpectedCase.MATCH);
        assertThat(planted).allSatisfy(c -> assertThat(made).as(c.scenario()).contains(c.kind() + " " + c.source()
                + " " + c.orderNo() + " " + c.counterSource() + " " + c.txnId()));
        Map<String, Long> byKind = result.matches().stream()
                .collect(Collectors.groupingBy(m -> m.kind().name(), Collectors.counting()));
        for (MatchKind kind : MatchKind.values()) {
            assertThat(byKind.getOrDefault(kind.name(), 0L)).as(kind + " matches")
                    .isEqualTo(truth.total(ExpectedCase.MATCH, kind.name()));
        }
        for (String kind : List.of("SPLIT", "MERGED", "ROUNDING")) {
            assertThat(truth.total(ExpectedCase.MATCH, kind)).as("planted " + kind).isPositive();
        }

        // everything the truth does not name is an ordinary sale: its order and payment matched one to one
        Set<String> named = new HashSet<>();
        truth.cases().forEach(c -> {
            named.add(c.orderNo());
            named.add(c.txnId());
            named.add(c.counterOrderNo());
        });
        Map<Long, List<Match>> matchesOf = new HashMap<>();
        result.matches().forEach(m -> {
            matchesOf.computeIfAbsent(m.order().id(), id -> new ArrayList<>()).add(m);
            matchesOf.computeIfAbsent(m.payment().id(), id -> new ArrayList<>()).add(m);
        });
        List<LedgerEntry> ordinary = records.stream()
                .filter(e -> e.kind() == RecordKind.ORDER || e.kind() == RecordKind.PAYMENT || e.kind() == RecordKind.REFUND)
                .filter(e -> !named.contains(e.orderNo()) && !named.contains(e.txnId()))
                .toList();
        assertThat(ordinary).as("ordinary sales").isNotEmpty().allSatisfy(e ->
                assertThat(matchesOf.getOrDefault(e.id(), List.of())).as(e.source() + " " + e.orderNo())
                        .singleElement().satisfies(m -> {
                            assertThat(m.kind()).isEqualTo(MatchKind.ONE_TO_ONE);
                            assertThat(m.ruleId()).isEqualTo(DayMatcher.KEY_RULE);
                        }));
        long ordinaryOrders = ordinary.stream().filter(e -> e.kind() == RecordKind.ORDER).count();
        assertThat(ordinary.stream().filter(e -> e.kind() == RecordKind.PAYMENT).count()).isEqualTo(ordinaryOrders);
        assertThat(records.stream().filter(e -> e.kind() == RecordKind.ORDER).collect(
                Collectors.toMap(LedgerEntry::orderNo, Function.identity()))).as("order numbers are unique").isNotEmpty();
    }
}
