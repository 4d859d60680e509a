package com.reconflow.demo;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One case planted in a generated day, as reconciliation of that day should come out: one line of
 * {@code ground-truth.csv}.
 *
 * <p>The keys are those the run stores with a discrepancy: {@code source}, {@code orderNo} and
 * {@code txnId} are what {@code GET /api/runs/{id}/discrepancies} answers for it (for a missing
 * payment or a refund missing at the provider no transaction id; for a payout the bank's record: its
 * settlement reference and the bank's own reference). For matches, pending records and proposals
 * {@code source}/{@code orderNo} are the order and {@code txnId} the payment's (for a refund match the
 * refund row's) transaction id.
 *
 * @param businessDate  the day whose run should come out this way (a {@code TIMING} match: the day after the order's)
 * @param outcome       {@link #MATCH}, {@link #PENDING}, {@link #PROPOSED}, {@link #DISCREPANCY} or {@link #NONE}
 * @param kind          the match kind ({@code ONE_TO_ONE}, {@code SPLIT}, {@code MERGED}, {@code ROUNDING},
 *                      {@code TIMING}), the discrepancy code, {@code PROPOSAL}, or for {@code NONE}
 *                      {@code CANCELLED} / {@code CASH}
 * @param scenario      what was planted, e.g. {@code FULL_REFUND}, {@code COMBINED_CHECKOUT}, {@code MISTYPED_ORDER_NO}
 * @param counterSource where the counterpart is (or should have been) found
 * @param counterOrderNo the counterpart's own order number where it differs from {@code orderNo}
 *                      (a combined checkout's {@code M…}, a mistyped merchant order number), else null
 * @param expected      what the order side (or the contract, the provider's net) expects; null where nothing is compared
 * @param actual        what the other side shows; null where nothing is compared
 */
public record ExpectedCase(LocalDate businessDate, String outcome, String kind, String scenario, String source,
                           String orderNo, String txnId, String counterSource, String counterOrderNo,
                           BigDecimal expected, BigDecimal actual) {

    /** Paired without people: the match kind says how. */
    public static final String MATCH = "MATCH";
    /** Waits for the next day's data (a timing difference): neither matched nor raised. */
    public static final String PENDING = "PENDING";
    /** Paired by a fallback rule as a proposal for people to confirm, not raised as two discrepancies. */
    public static final String PROPOSED = "PROPOSED";
    /** Raised: the kind is the discrepancy code. */
    public static final String DISCREPANCY = "DISCREPANCY";
    /** Expects no counterpart and raises nothing: a cancelled order, a cash sale. */
    public static final String NONE = "NONE";

    /** The discrepancy as the run reports it: code, order number and transaction id. */
    public ExpectedDiscrepancy asDiscrepancy() {
        return new ExpectedDiscrepancy(kind, orderNo, txnId);
    }
}
