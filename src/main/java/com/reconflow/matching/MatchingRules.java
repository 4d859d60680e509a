package com.reconflow.matching;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The retailer's matching conventions, from configuration, recorded with their version on every
 * run. {@code roundingTolerance}: the largest order/payment difference that is rounding, not a
 * discrepancy. {@code feeRates}: the contracted rate per provider; a fee is checked against
 * amount × rate, rounded half-up to the cent, within {@code feeTolerance}. A merged payment is one
 * whose merchant order number starts with {@code mergedPrefix} and whose memo lists the orders it
 * covers, separated by {@code mergedSeparator}.
 */
public record MatchingRules(String version, BigDecimal roundingTolerance, Map<String, BigDecimal> feeRates,
                            BigDecimal feeTolerance, String mergedPrefix, String mergedSeparator) {

    public MatchingRules {
        feeRates = feeRates == null ? Map.of() : Map.copyOf(feeRates);
    }

    /** The conventions of the retailer's contracts (samples README): 0.60 % Alipay and WeChat Pay, 0.50 % card. */
    public static MatchingRules defaults() {
        return new MatchingRules("2026-11-1", new BigDecimal("0.01"),
                Map.of("alipay", new BigDecimal("0.006"), "wechatpay", new BigDecimal("0.006"),
                        "card", new BigDecimal("0.005")),
                new BigDecimal("0.01"), "M", "|");
    }
}
