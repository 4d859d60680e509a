package com.reconflow.matching;

import java.math.BigDecimal;
import java.util.List;

import com.reconflow.ingest.RecordKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExactKeyMatcherTest {

    private final ExactKeyMatcher matcher = new ExactKeyMatcher();
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
            assertThat(m.ruleId()).isEqualTo(ExactKeyMatcher.RULE_ID);
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
    void refundsAreLeftForTheRefundRules() {
        LedgerEntry refund = new LedgerEntry(nextId++, RecordKind.REFUND, "alipay", "A7", "T7", new BigDecimal("5.00"),
                "SUCCESS", null);

        assertThat(matcher.match(List.of(refund)).findings()).isEmpty();
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
