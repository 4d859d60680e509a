package com.reconflow.matching;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The retailer's matching conventions, from configuration, recorded with their version on every
 * run. {@code roundingTolerance}: the largest order/payment difference that is rounding, not a
 * discrepancy. {@code feeRates}: the contracted rate per provider; a fee is checked against
 * amount × rate, rounded half-up to the cent, within {@code feeTolerance}. A merged payment is one
 * whose merchant order number starts with {@code mergedPrefix} and whose memo lists the orders it
 * covers, separated by {@code mergedSeparator}. A provider's day is paid out to the bank as one
 * credit whose reference {@link #payoutReference} names it. An order or payment left without its
 * counterpart within {@code timingWindow} before midnight waits, as a timing difference, for the
 * next days' data; after {@code timingDays} days it is raised. An order and a payment still alone
 * after every key rule, of the same amount and provider and at most {@code fallbackWindow} apart,
 * are proposed as a pair for a person to confirm when the proposal's confidence reaches
 * {@code fallbackMinConfidence}; never matched without that person.
 */
public record MatchingRules(String version, BigDecimal roundingTolerance, Map<String, BigDecimal> feeRates,
                            BigDecimal feeTolerance, String mergedPrefix, String mergedSeparator,
                            Map<String, String> payoutReferences, Duration timingWindow, int timingDays,
                            Duration fallbackWindow, BigDecimal fallbackMinConfidence) {

    public MatchingRules {
        feeRates = feeRates == null ? Map.of() : Map.copyOf(feeRates);
        payoutReferences = payoutReferences == null ? Map.of() : Map.copyOf(payoutReferences);
    }

    /**
     * The reference a provider's bank credit for a day's settlement carries: its name at the bank
     * (from {@code payoutReferences}, e.g. {@code card → UNIONPAY}), {@code -SETTLE-} and the day.
     */
    public String payoutReference(String source, LocalDate settledDay) {
        return payoutReferences.get(source) + settlementSuffix(settledDay);
    }

    /** How every payout reference for a day's settlement ends, whichever provider's. */
    static String settlementSuffix(LocalDate settledDay) {
        return "-SETTLE-" + DateTimeFormatter.BASIC_ISO_DATE.format(settledDay);
    }

    /** The conventions of the retailer's contracts (samples README): 0.60 % Alipay and WeChat Pay, 0.50 % card. */
    public static MatchingRules defaults() {
        return new MatchingRules("2026-11-2", new BigDecimal("0.01"),
                Map.of("alipay", new BigDecimal("0.006"), "wechatpay", new BigDecimal("0.006"),
                        "card", new BigDecimal("0.005")),
                new BigDecimal("0.01"), "M", "|",
                Map.of("alipay", "ALIPAY", "wechatpay", "WECHATPAY", "card", "UNIONPAY"), Duration.ofMinutes(5), 2,
                Duration.ofMinutes(10), new BigDecimal("0.60"));
    }
}
