package com.reconflow.matching;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.reconflow.ingest.RecordKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DayMatcherTest {

    private final DayMatcher matcher = new DayMatcher(MatchingRules.defaults());
    private long nextId = 1;

    @Test
    void anOrderAndItsPaymentOfTheSameAmountMatchOneToOne() {
        LedgerEntry order = order("A1", null, "99.90", "PAID", "alipay");
        LedgerEntry payment = payment("alipay", "A1", "T1", "99.90");

        DayResult result = matcher.match(List.of(order, payment));

        assertThat(result.findings()).isEmpty();
        assertThat(result.matches()).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(MatchKind.ONE_TO_ONE);
            assertThat(m.order()).isEqualTo(order);
            assertThat(m.payment()).isEqualTo(payment);
            assertThat(m.ruleId()).isEqualTo(DayMatcher.KEY_RULE);
        });
    }

    @Test
    void thePaymentSerialOnTheOrderFindsAPaymentFiledUnderAnotherMerchantOrderNumber() {
        LedgerEntry order = order("POS-7", "T7", "210.00", "PAID", "card");
        LedgerEntry payment = payment("card", "TERMINAL-REF", "T7", "210.00");

        assertThat(matcher.match(List.of(order, payment)).matches()).hasSize(1);
    }

    @Test
    void aPaidOrderWithoutPaymentIsAMissingPaymentOfItsProvider() {
        LedgerEntry order = order("A2", "T2", "50.00", "PAID", "wechatpay");

        Finding finding = single(matcher.match(List.of(order)));

        assertThat(finding.type()).isEqualTo(DiscrepancyType.MISSING_PAYMENT);
        assertThat(finding.counterSource()).isEqualTo("wechatpay");
        assertThat(finding.expected()).isEqualByComparingTo("50.00");
        assertThat(finding.actual()).isEqualByComparingTo("0.00");
        assertThat(finding.difference()).isEqualByComparingTo("-50.00");
    }

    @Test
    void cashOrdersAndCancelledOrdersExpectNoPayment() {
        DayResult result = matcher.match(List.of(order("C1", null, "20.00", "PAID", "cash"),
                order("C2", null, "30.00", "CANCELLED", "alipay")));

        assertThat(result.findings()).isEmpty();
        assertThat(result.matches()).isEmpty();
    }

    @Test
    void aPaymentForACancelledOrderIsAStatusConflict() {
        LedgerEntry order = order("C3", null, "30.00", "CANCELLED", "alipay");
        LedgerEntry payment = payment("alipay", "C3", "T3", "30.00");

        Finding finding = single(matcher.match(List.of(order, payment)));

        assertThat(finding.type()).isEqualTo(DiscrepancyType.STATUS_CONFLICT);
        assertThat(finding.counterpart()).isEqualTo(payment);
        assertThat(finding.actual()).isEqualByComparingTo("30.00");
    }

    @Test
    void aPaymentOfAnotherAmountIsAnAmountMismatchWithItsDifference() {
        Finding finding = single(matcher.match(List.of(order("A4", null, "199.00", "PAID", "alipay"),
                payment("alipay", "A4", "T4", "189.00"))));

        assertThat(finding.type()).isEqualTo(DiscrepancyType.AMOUNT_MISMATCH);
        assertThat(finding.difference()).isEqualByComparingTo("-10.00");
    }

    @Test
    void twoPaymentsForOneOrderAreADuplicatePaymentNamingTheSecond() {
        LedgerEntry order = order("A5", "T5a", "35.00", "PAID", "wechatpay");
        LedgerEntry first = payment("wechatpay", "A5", "T5a", "35.00");
        LedgerEntry second = payment("wechatpay", "A5", "T5b", "35.00");

        Finding finding = single(matcher.match(List.of(second, order, first)));

        assertThat(finding.type()).isEqualTo(DiscrepancyType.DUPLICATE_PAYMENT);
        assertThat(finding.counterpart()).isEqualTo(second);
        assertThat(finding.actual()).isEqualByComparingTo("70.00");
    }

    @Test
    void aPaymentNoOrderClaimsIsAMissingOrder() {
        LedgerEntry stray = payment("wechatpay", "MP-X", "T6", "12.00");

        Finding finding = single(matcher.match(List.of(order("A6", null, "8.00", "PAID", "cash"), stray)));

        assertThat(finding.type()).isEqualTo(DiscrepancyType.MISSING_ORDER);
        assertThat(finding.record()).isEqualTo(stray);
        assertThat(finding.expected()).isEqualByComparingTo("0.00");
    }

    @Test
    void aDifferenceWithinTheRoundingToleranceIsARoundingMatch() {
        DayResult result = matcher.match(List.of(order("R1", null, "33.33", "PAID", "alipay"),
                payment("alipay", "R1", "TR1", "33.34")));

        assertThat(result.findings()).isEmpty();
        assertThat(result.matches()).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(MatchKind.ROUNDING);
            assertThat(m.ruleId()).isEqualTo(DayMatcher.ROUNDING_RULE);
        });
    }

    @Test
    void paymentsOfTwoProvidersAddingUpToTheOrderAreASplit() {
        LedgerEntry order = order("PS0012026112000001", null, "300.00", "PAID", "card");
        LedgerEntry card = payment("card", "PS0012026112000001", "REF1", "200.00");
        LedgerEntry wechat = payment("wechatpay", "PS0012026112000001", "4200001", "100.00");

        DayResult result = matcher.match(List.of(order, card, wechat));

        assertThat(result.findings()).isEmpty();
        assertThat(result.matches()).extracting(Match::kind).containsOnly(MatchKind.SPLIT);
        assertThat(result.matches()).extracting(Match::payment).containsExactly(card, wechat);
    }

    @Test
    void splitPaymentsThatDoNotAddUpAreAnAmountMismatch() {
        Finding finding = single(matcher.match(List.of(order("PS2", null, "300.00", "PAID", "card"),
                payment("card", "PS2", "REF2", "200.00"), payment("wechatpay", "PS2", "4200002", "90.00"))));

        assertThat(finding.type()).isEqualTo(DiscrepancyType.AMOUNT_MISMATCH);
        assertThat(finding.difference()).isEqualByComparingTo("-10.00");
    }

    @Test
    void aCombinedCheckoutPaymentCoversTheOrdersItsMemoLists() {
        LedgerEntry first = order("MP1", null, "20.00", "PAID", "wechatpay");
        LedgerEntry second = order("MP2", null, "30.50", "PAID", "wechatpay");
        LedgerEntry combined = new LedgerEntry(nextId++, RecordKind.PAYMENT, "wechatpay", "MMP1", "4200003",
                new BigDecimal("50.50"), "SUCCESS", null, new BigDecimal("0.30000"), null, "MP1|MP2");

        DayResult result = matcher.match(List.of(first, second, combined));

        assertThat(result.findings()).isEmpty();
        assertThat(result.matches()).extracting(Match::kind).containsOnly(MatchKind.MERGED);
        assertThat(result.matches()).extracting(Match::order).containsExactly(first, second);
    }

    @Test
    void aPaymentWhoseMemoHappensToHoldSeparatorsIsNoCombinedCheckout() {
        LedgerEntry order = order("MP9", null, "20.00", "PAID", "wechatpay");
        LedgerEntry payment = new LedgerEntry(nextId++, RecordKind.PAYMENT, "wechatpay", "MP9", "4200009",
                new BigDecimal("20.00"), "SUCCESS", null, null, null, "gift|wrap|red");

        DayResult result = matcher.match(List.of(order, payment));

        assertThat(result.findings()).isEmpty();
        assertThat(result.matches()).extracting(Match::kind).containsExactly(MatchKind.ONE_TO_ONE);
    }

    @Test
    void aCombinedPaymentThatDoesNotCoverItsOrdersIsAnAmountMismatchAboutThePayment() {
        LedgerEntry combined = new LedgerEntry(nextId++, RecordKind.PAYMENT, "wechatpay", "MMP3", "4200004",
                new BigDecimal("60.00"), "SUCCESS", null, null, null, "MP3|MP4");

        Finding finding = single(matcher.match(List.of(order("MP3", null, "20.00", "PAID", "wechatpay"),
                order("MP4", null, "30.00", "PAID", "wechatpay"), combined)));

        assertThat(finding.type()).isEqualTo(DiscrepancyType.AMOUNT_MISMATCH);
        assertThat(finding.record()).isEqualTo(combined);
        assertThat(finding.expected()).isEqualByComparingTo("50.00");
    }

    @Test
    void aFeeAboveTheContractedRateIsAFeeMismatchWhateverItsSign() {
        LedgerEntry fair = new LedgerEntry(nextId++, RecordKind.PAYMENT, "alipay", "F1", "TF1", new BigDecimal("100.00"),
                "SUCCESS", null, new BigDecimal("-0.60"), null, null);
        LedgerEntry overcharged = new LedgerEntry(nextId++, RecordKind.PAYMENT, "wechatpay", "F2", "TF2",
                new BigDecimal("100.00"), "SUCCESS", null, new BigDecimal("0.90000"), null, null);

        DayResult result = matcher.match(List.of(order("F1", null, "100.00", "PAID", "alipay"), fair,
                order("F2", null, "100.00", "PAID", "wechatpay"), overcharged));

        Finding finding = single(result);
        assertThat(finding.type()).isEqualTo(DiscrepancyType.FEE_MISMATCH);
        assertThat(finding.record()).isEqualTo(overcharged);
        assertThat(finding.expected()).isEqualByComparingTo("0.60");
        assertThat(finding.actual()).isEqualByComparingTo("0.90");
        assertThat(result.matches()).hasSize(2);
    }

    @Test
    void aRefundedOrderAndTheProvidersRefundOfTheSameAmountMatch() {
        LedgerEntry order = refundedOrder("RF1", "80.00", "REFUNDED", "80.00");
        LedgerEntry refund = refund("RF1", "80.00");

        DayResult result = matcher.match(List.of(order, payment("alipay", "RF1", "TRF1", "80.00"), refund));

        assertThat(result.findings()).isEmpty();
        assertThat(result.matches()).anySatisfy(m -> {
            assertThat(m.ruleId()).isEqualTo(DayMatcher.REFUND_RULE);
            assertThat(m.payment()).isEqualTo(refund);
        });
    }

    @Test
    void aPartialRefundPaidInTwoPartsMatchesItsTotal() {
        DayResult result = matcher.match(List.of(refundedOrder("RF2", "100.00", "PARTIALLY_REFUNDED", "30.00"),
                payment("alipay", "RF2", "TRF2", "100.00"), refund("RF2", "10.00"), refund("RF2", "20.00")));

        assertThat(result.findings()).isEmpty();
        assertThat(result.matches()).filteredOn(m -> m.ruleId().equals(DayMatcher.REFUND_RULE))
                .hasSize(2).extracting(Match::kind).containsOnly(MatchKind.SPLIT);
    }

    @Test
    void aRefundTheProviderNeverMadeIsARefundMissing() {
        Finding finding = single(matcher.match(List.of(refundedOrder("RF3", "50.00", "REFUNDED", "50.00"),
                payment("alipay", "RF3", "TRF3", "50.00"))));

        assertThat(finding.type()).isEqualTo(DiscrepancyType.REFUND_MISSING);
        assertThat(finding.expected()).isEqualByComparingTo("50.00");
        assertThat(finding.actual()).isEqualByComparingTo("0.00");
    }

    @Test
    void aRefundOfAnotherAmountIsARefundAmountMismatch() {
        Finding finding = single(matcher.match(List.of(refundedOrder("RF4", "50.00", "REFUNDED", "50.00"),
                payment("alipay", "RF4", "TRF4", "50.00"), refund("RF4", "40.00"))));

        assertThat(finding.type()).isEqualTo(DiscrepancyType.REFUND_AMOUNT_MISMATCH);
        assertThat(finding.difference()).isEqualByComparingTo("-10.00");
    }

    @Test
    void aRefundNoOrderExpectsIsARefundUnexpected() {
        LedgerEntry refund = refund("RF5", "12.00");

        Finding finding = single(matcher.match(List.of(order("RF5", null, "12.00", "PAID", "alipay"),
                payment("alipay", "RF5", "TRF5", "12.00"), refund)));

        assertThat(finding.type()).isEqualTo(DiscrepancyType.REFUND_UNEXPECTED);
        assertThat(finding.record()).isEqualTo(refund);
    }

    @Test
    void aBankCreditOtherThanTheProvidersNetIsAPayoutMismatch() {
        LocalDate day = LocalDate.of(2026, 11, 20);
        LedgerEntry payment = new LedgerEntry(nextId++, RecordKind.PAYMENT, "wechatpay", "P1", "TP1",
                new BigDecimal("100.00"), "SUCCESS", null, new BigDecimal("0.60000"), null, null);
        LedgerEntry refund = new LedgerEntry(nextId++, RecordKind.REFUND, "wechatpay", "P1", "TP1",
                new BigDecimal("20.00"), "SUCCESS", null, new BigDecimal("-0.12000"), null, null);
        LedgerEntry credit = payout("WECHATPAY-SETTLE-20261120", "79.50");

        List<LedgerEntry> day1 = List.of(refundedOrder("P1", "100.00", "PARTIALLY_REFUNDED", "20.00"), payment,
                refund, credit);
        Finding finding = single(matcher.match(day, day1));

        assertThat(finding.type()).isEqualTo(DiscrepancyType.PAYOUT_MISMATCH);
        assertThat(finding.record()).isEqualTo(credit);
        assertThat(finding.expected()).as("100.00 - 20.00 - 0.60 + 0.12").isEqualByComparingTo("79.52");
        assertThat(finding.difference()).isEqualByComparingTo("-0.02");
    }

    @Test
    void aProviderWithoutItsCreditInTheBanksStatementIsAPayoutMismatchAndWithoutAStatementPending() {
        LocalDate day = LocalDate.of(2026, 11, 20);
        List<LedgerEntry> paid = List.of(order("P2", null, "50.00", "PAID", "alipay"),
                new LedgerEntry(nextId++, RecordKind.PAYMENT, "alipay", "P2", "TP2", new BigDecimal("50.00"),
                        "SUCCESS", null, new BigDecimal("-0.30"), null, null));

        assertThat(matcher.match(day, paid).findings()).as("no bank statement yet: pending").isEmpty();

        List<LedgerEntry> withStatement = new java.util.ArrayList<>(paid);
        withStatement.add(payout("UNIONPAY-SETTLE-20261120", "10.00"));
        Finding finding = single(matcher.match(day, withStatement));
        assertThat(finding.type()).isEqualTo(DiscrepancyType.PAYOUT_MISMATCH);
        assertThat(finding.expected()).isEqualByComparingTo("49.70");
        assertThat(finding.actual()).isEqualByComparingTo("0.00");
    }

    @Test
    void anOrderPaidJustBeforeMidnightWaitsForTheNextDayAndThenMatchesAsTiming() {
        LocalDate day = LocalDate.of(2026, 11, 20);
        LedgerEntry lateOrder = new LedgerEntry(nextId++, RecordKind.ORDER, "jd", "T1", "W1", new BigDecimal("58.00"),
                "PAID", "wechatpay", null, null, null, day.atTime(23, 58, 30));

        DayResult first = matcher.match(day, List.of(lateOrder));
        assertThat(first.findings()).isEmpty();
        assertThat(first.pending()).singleElement().satisfies(p -> {
            assertThat(p.entry()).isEqualTo(lateOrder);
            assertThat(p.since()).isEqualTo(day);
        });

        LedgerEntry nextDayPayment = new LedgerEntry(nextId++, RecordKind.PAYMENT, "wechatpay", "T1", "W1",
                new BigDecimal("58.00"), "SUCCESS", null, null, null, null, day.plusDays(1).atTime(0, 0, 4));
        DayResult next = matcher.match(day.plusDays(1), List.of(lateOrder, nextDayPayment), Map.of(lateOrder.id(), day));
        assertThat(next.findings()).isEmpty();
        assertThat(next.pending()).isEmpty();
        assertThat(next.matches()).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(MatchKind.TIMING);
            assertThat(m.ruleId()).isEqualTo(DayMatcher.TIMING_RULE);
        });
    }

    @Test
    void aCarriedPaymentIsPairedButItsFeeIsNotCheckedTwice() {
        LocalDate day = LocalDate.of(2026, 11, 20);
        LedgerEntry latePayment = new LedgerEntry(nextId++, RecordKind.PAYMENT, "wechatpay", "T4", "W4",
                new BigDecimal("100.00"), "SUCCESS", null, new BigDecimal("0.90000"), null, null, day.atTime(23, 59));
        LedgerEntry nextDayOrder = order("T4", "W4", "100.00", "PAID", "wechatpay");

        DayResult next = matcher.match(day.plusDays(1), List.of(latePayment, nextDayOrder),
                Map.of(latePayment.id(), day));

        assertThat(next.findings()).as("its fee was judged on its own day").isEmpty();
        assertThat(next.matches()).extracting(Match::kind).containsExactly(MatchKind.TIMING);
    }

    @Test
    void aTimingDifferenceStillAloneAfterTheConfiguredDaysIsRaised() {
        LocalDate day = LocalDate.of(2026, 11, 20);
        LedgerEntry lateOrder = new LedgerEntry(nextId++, RecordKind.ORDER, "jd", "T2", null, new BigDecimal("10.00"),
                "PAID", "alipay", null, null, null, day.atTime(23, 59));

        assertThat(matcher.match(day.plusDays(1), List.of(lateOrder), Map.of(lateOrder.id(), day)).pending())
                .hasSize(1);
        Finding finding = single(matcher.match(day.plusDays(2), List.of(lateOrder), Map.of(lateOrder.id(), day)));
        assertThat(finding.type()).isEqualTo(DiscrepancyType.MISSING_PAYMENT);
    }

    @Test
    void anOrderAloneEarlierInTheDayIsRaisedAtOnce() {
        LocalDate day = LocalDate.of(2026, 11, 20);
        LedgerEntry order = new LedgerEntry(nextId++, RecordKind.ORDER, "jd", "T3", null, new BigDecimal("10.00"),
                "PAID", "alipay", null, null, null, day.atTime(23, 40));

        DayResult result = matcher.match(day, List.of(order));
        assertThat(result.pending()).isEmpty();
        assertThat(single(result).type()).isEqualTo(DiscrepancyType.MISSING_PAYMENT);
    }

    // ---- fallback proposals ---------------------------------------------------------------------

    @Test
    void anOrderAndAPaymentThatOnlyLookAlikeAreProposedNotMatchedNorRaised() {
        LocalDate day = LocalDate.of(2026, 11, 20);
        LedgerEntry order = timed(RecordKind.ORDER, "jd", "J100", null, "128.00", "wechatpay", day.atTime(14, 2, 10));
        // The merchant order no. was mistyped at the till: no key finds the order.
        LedgerEntry payment = timed(RecordKind.PAYMENT, "wechatpay", "J1O0", "W100", "128.00", null,
                day.atTime(14, 3, 10));

        DayResult result = matcher.match(day, List.of(order, payment));

        assertThat(result.findings()).isEmpty();
        assertThat(result.matches()).isEmpty();
        assertThat(result.proposals()).singleElement().satisfies(p -> {
            assertThat(p.order()).isEqualTo(order);
            assertThat(p.payment()).isEqualTo(payment);
            assertThat(p.ruleId()).isEqualTo(DayMatcher.FALLBACK_RULE);
            // One minute of a ten-minute window: 0.6 + 0.4 × 0.9.
            assertThat(p.confidence()).isEqualByComparingTo("0.96");
            assertThat(p.basis()).contains("amount=128.00", "provider=wechatpay", "60 s apart");
        });
    }

    @Test
    void twoLookAlikeCandidatesMakeNoProposal() {
        LocalDate day = LocalDate.of(2026, 11, 20);
        LedgerEntry order = timed(RecordKind.ORDER, "jd", "J200", null, "59.00", "alipay", day.atTime(9, 0));
        LedgerEntry first = timed(RecordKind.PAYMENT, "alipay", "X1", "A1", "59.00", null, day.atTime(9, 1));
        LedgerEntry second = timed(RecordKind.PAYMENT, "alipay", "X2", "A2", "59.00", null, day.atTime(9, 2));

        DayResult result = matcher.match(day, List.of(order, first, second));

        assertThat(result.proposals()).isEmpty();
        assertThat(result.findings()).extracting(Finding::type).containsExactlyInAnyOrder(
                DiscrepancyType.MISSING_PAYMENT, DiscrepancyType.MISSING_ORDER, DiscrepancyType.MISSING_ORDER);
    }

    @Test
    void anotherAmountProviderOrTimeOutsideTheWindowMakesNoProposal() {
        LocalDate day = LocalDate.of(2026, 11, 20);
        LedgerEntry order = timed(RecordKind.ORDER, "jd", "J300", null, "59.00", "alipay", day.atTime(9, 0));
        List<LedgerEntry> unlike = List.of(
                timed(RecordKind.PAYMENT, "alipay", "X3", "A3", "59.01", null, day.atTime(9, 1)),
                timed(RecordKind.PAYMENT, "wechatpay", "X4", "W4", "59.00", null, day.atTime(9, 1)),
                timed(RecordKind.PAYMENT, "alipay", "X5", "A5", "59.00", null, day.atTime(9, 10, 1)));
        for (LedgerEntry payment : unlike) {
            DayResult result = matcher.match(day, List.of(order, payment));
            assertThat(result.proposals()).as(payment.toString()).isEmpty();
            assertThat(result.findings()).hasSize(2);
        }
    }

    @Test
    void anOrderNamingAnotherSerialIsProposedOnlyWhenVeryClose() {
        LocalDate day = LocalDate.of(2026, 11, 20);
        LedgerEntry order = timed(RecordKind.ORDER, "jd", "J400", "W-OTHER", "77.00", "wechatpay", day.atTime(10, 0));
        LedgerEntry close = timed(RecordKind.PAYMENT, "wechatpay", "X6", "W6", "77.00", null, day.atTime(10, 0, 30));
        LedgerEntry later = timed(RecordKind.PAYMENT, "wechatpay", "X7", "W7", "77.00", null, day.atTime(10, 6));

        assertThat(matcher.match(day, List.of(order, close)).proposals()).singleElement()
                .satisfies(p -> assertThat(p.confidence()).isEqualByComparingTo("0.68"));
        // 0.6 + 0.4 × 0.4 − 0.3 = 0.46: under the 0.60 minimum, so both are raised.
        DayResult result = matcher.match(day, List.of(order, later));
        assertThat(result.proposals()).isEmpty();
        assertThat(result.findings()).hasSize(2);
    }

    // ---- people's pairs ----------------------------------------------------------------------

    @Test
    void aPairAPersonLinkedIsMatchedWhateverTheKeysSay() {
        LedgerEntry order = order("J500", null, "66.00", "PAID", "alipay");
        LedgerEntry payment = payment("alipay", "SOMETHING-ELSE", "A500", "66.00");

        DayResult result = matcher.match(null, List.of(order, payment), Map.of(),
                new ManualPairs(Set.of(new RecordPair(order.id(), payment.id())), Set.of()));

        assertThat(result.findings()).isEmpty();
        assertThat(result.matches()).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(MatchKind.MANUAL);
            assertThat(m.ruleId()).isEqualTo(DayMatcher.MANUAL_RULE);
        });
    }

    @Test
    void aLinkedPairOfDifferentAmountsIsStillAnAmountMismatch() {
        LedgerEntry order = order("J600", null, "66.00", "PAID", "alipay");
        LedgerEntry payment = payment("alipay", "ELSE", "A600", "60.00");

        DayResult result = matcher.match(null, List.of(order, payment), Map.of(),
                new ManualPairs(Set.of(new RecordPair(order.id(), payment.id())), Set.of()));

        assertThat(single(result).type()).isEqualTo(DiscrepancyType.AMOUNT_MISMATCH);
        assertThat(single(result).ruleId()).isEqualTo(DayMatcher.MANUAL_RULE);
    }

    @Test
    void aPaymentLinkedToTwoOrdersCoversThemTogether() {
        LedgerEntry first = order("J701", null, "10.00", "PAID", "alipay");
        LedgerEntry second = order("J702", null, "15.00", "PAID", "alipay");
        LedgerEntry payment = payment("alipay", "BASKET", "A700", "25.00");

        DayResult result = matcher.match(null, List.of(first, second, payment), Map.of(), new ManualPairs(
                Set.of(new RecordPair(first.id(), payment.id()), new RecordPair(second.id(), payment.id())),
                Set.of()));

        assertThat(result.findings()).isEmpty();
        assertThat(result.matches()).extracting(Match::order).containsExactly(first, second);
    }

    @Test
    void aPairAPersonSeparatedIsNeitherMatchedByKeyNorProposed() {
        LocalDate day = LocalDate.of(2026, 11, 20);
        LedgerEntry order = timed(RecordKind.ORDER, "jd", "J800", null, "40.00", "alipay", day.atTime(11, 0));
        LedgerEntry payment = timed(RecordKind.PAYMENT, "alipay", "J800", "A800", "40.00", null, day.atTime(11, 1));

        DayResult result = matcher.match(day, List.of(order, payment), Map.of(),
                new ManualPairs(Set.of(), Set.of(new RecordPair(order.id(), payment.id()))));

        assertThat(result.matches()).isEmpty();
        assertThat(result.proposals()).isEmpty();
        assertThat(result.findings()).extracting(Finding::type).containsExactlyInAnyOrder(
                DiscrepancyType.MISSING_PAYMENT, DiscrepancyType.MISSING_ORDER);
    }

    @Test
    void everyMatchAndFindingNamesItsKeyAndTolerance() {
        LedgerEntry order = order("J900", null, "30.00", "PAID", "alipay");
        LedgerEntry payment = payment("alipay", "J900", "A900", "30.01");
        LedgerEntry alone = order("J901", "W901", "12.00", "PAID", "wechatpay");

        DayResult result = matcher.match(List.of(order, payment, alone));

        assertThat(result.matches()).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(MatchKind.ROUNDING);
            assertThat(m.basis()).isEqualTo("order_no=J900");
            assertThat(m.tolerance()).isEqualByComparingTo("0.01");
        });
        assertThat(single(result).basis()).isEqualTo("order_no=J901, txn_id=W901");
    }

    private LedgerEntry timed(RecordKind kind, String source, String orderNo, String txnId, String amount,
                              String method, LocalDateTime at) {
        return new LedgerEntry(nextId++, kind, source, orderNo, txnId, new BigDecimal(amount), "PAID", method, null,
                null, null, at);
    }

    private LedgerEntry payout(String reference, String amount) {
        return new LedgerEntry(nextId++, RecordKind.PAYOUT, "bank", reference, "BANKREF" + nextId,
                new BigDecimal(amount), "BOOK", null);
    }

    private LedgerEntry refundedOrder(String orderNo, String amount, String status, String refunded) {
        return new LedgerEntry(nextId++, RecordKind.ORDER, "jd", orderNo, null, new BigDecimal(amount), status,
                "alipay", null, new BigDecimal(refunded), null);
    }

    private LedgerEntry refund(String orderNo, String amount) {
        return new LedgerEntry(nextId++, RecordKind.REFUND, "alipay", orderNo, "T-" + orderNo, new BigDecimal(amount),
                "SUCCESS", null);
    }

    private static Finding single(DayResult result) {
        assertThat(result.findings()).hasSize(1);
        return result.findings().get(0);
    }

    private LedgerEntry order(String orderNo, String txnId, String amount, String status, String method) {
        return new LedgerEntry(nextId++, RecordKind.ORDER, "jd", orderNo, txnId, new BigDecimal(amount), status, method);
    }

    private LedgerEntry payment(String provider, String orderNo, String txnId, String amount) {
        return new LedgerEntry(nextId++, RecordKind.PAYMENT, provider, orderNo, txnId, new BigDecimal(amount),
                "SUCCESS", null);
    }
}
