package com.reconflow.matching;

import java.math.BigDecimal;

/**
 * An order and a provider record that settles (part of) it. {@code basis} names the key that
 * paired them (e.g. {@code order_no=J1001}), {@code tolerance} the largest difference the rule
 * allowed.
 */
public record Match(MatchKind kind, String ruleId, LedgerEntry order, LedgerEntry payment, String basis,
                    BigDecimal tolerance) {
}
