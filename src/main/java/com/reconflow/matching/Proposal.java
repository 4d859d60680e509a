package com.reconflow.matching;

import java.math.BigDecimal;

/**
 * An order and a payment that no key pairs but that look like each other (same amount and
 * provider, close in time): proposed to a person, never matched without one. {@code confidence}
 * runs from 0 to 1; {@code basis} says what made them alike.
 */
public record Proposal(LedgerEntry order, LedgerEntry payment, BigDecimal confidence, String ruleId, String basis) {
}
