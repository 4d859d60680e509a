package com.reconflow.matching;

/** An order and the payment that settles it. */
public record Match(MatchKind kind, String ruleId, LedgerEntry order, LedgerEntry payment) {
}
