package com.reconflow.matching;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.reconflow.ingest.RecordKind;

/**
 * Pairs a day's orders with its provider payments by key: the payment's merchant order number
 * equals the order number, or the payment's transaction id equals the payment serial the order
 * carries. Amounts must be equal to the cent. Refunds, fees and payouts are not looked at yet.
 */
public final class ExactKeyMatcher {

    public static final String RULE_ID = "exact-key/v1";
    private static final BigDecimal ZERO = new BigDecimal("0.00");

    public DayResult match(List<LedgerEntry> records) {
        List<LedgerEntry> orders = ofKind(records, RecordKind.ORDER);
        List<LedgerEntry> payments = ofKind(records, RecordKind.PAYMENT);
        Map<String, List<LedgerEntry>> byOrderNo = index(payments, true);
        Map<String, List<LedgerEntry>> byTxnId = index(payments, false);

        List<Match> matches = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        Set<Long> claimed = new HashSet<>();
        for (LedgerEntry order : orders) {
            Set<LedgerEntry> candidates = new LinkedHashSet<>();
            candidates.addAll(byOrderNo.getOrDefault(order.orderNo(), List.of()));
            if (order.txnId() != null) {
                candidates.addAll(byTxnId.getOrDefault(order.txnId(), List.of()));
            }
            candidates.removeIf(p -> claimed.contains(p.id()));
            candidates.forEach(p -> claimed.add(p.id()));
            List<LedgerEntry> paid = List.copyOf(candidates);
            BigDecimal paidTotal = paid.stream().map(LedgerEntry::amount).reduce(ZERO, BigDecimal::add);

            if (order.isCancelledOrder()) {
                if (!paid.isEmpty()) {
                    findings.add(finding(DiscrepancyType.STATUS_CONFLICT, order, paid.get(0), ZERO, paidTotal));
                }
            } else if (paid.isEmpty()) {
                if (!order.isPaidInCash()) {
                    findings.add(new Finding(DiscrepancyType.MISSING_PAYMENT, RULE_ID, order, null,
                            order.paymentMethod(), order.amount(), ZERO));
                }
            } else if (paid.size() > 1) {
                findings.add(finding(DiscrepancyType.DUPLICATE_PAYMENT, order, paid.get(1), order.amount(), paidTotal));
            } else if (paid.get(0).amount().compareTo(order.amount()) == 0) {
                matches.add(new Match(MatchKind.ONE_TO_ONE, RULE_ID, order, paid.get(0)));
            } else {
                findings.add(finding(DiscrepancyType.AMOUNT_MISMATCH, order, paid.get(0), order.amount(), paidTotal));
            }
        }
        for (LedgerEntry payment : payments) {
            if (!claimed.contains(payment.id())) {
                findings.add(new Finding(DiscrepancyType.MISSING_ORDER, RULE_ID, payment, null, null,
                        ZERO, payment.amount()));
            }
        }
        return new DayResult(matches, findings);
    }

    private static Finding finding(DiscrepancyType type, LedgerEntry order, LedgerEntry payment,
                                   BigDecimal expected, BigDecimal actual) {
        return new Finding(type, RULE_ID, order, payment, payment.source(), expected, actual);
    }

    private static List<LedgerEntry> ofKind(List<LedgerEntry> records, RecordKind kind) {
        return records.stream().filter(r -> r.kind() == kind).sorted(Comparator.comparingLong(LedgerEntry::id)).toList();
    }

    private static Map<String, List<LedgerEntry>> index(List<LedgerEntry> payments, boolean byOrderNo) {
        Map<String, List<LedgerEntry>> index = new HashMap<>();
        for (LedgerEntry p : payments) {
            String key = byOrderNo ? p.orderNo() : p.txnId();
            if (key != null && !key.isBlank()) {
                index.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
            }
        }
        return index;
    }
}
