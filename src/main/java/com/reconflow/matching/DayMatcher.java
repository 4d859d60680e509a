package com.reconflow.matching;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.reconflow.ingest.RecordKind;

/**
 * Reconciles a business day: orders with payments and refunds, fees with the contracts, each
 * provider's net with its bank credit. Hash joins on the keys, no per-record lookups, so the cost
 * grows with the day's size and no more.
 *
 * <ol>
 *   <li>Merged: a combined-checkout payment covers the orders its memo lists (rule {@code merged}).</li>
 *   <li>By key: the payment's merchant order number is the order number, or its transaction id is the
 *       order's payment serial. One payment of the same amount is {@code ONE_TO_ONE}; within the
 *       rounding tolerance {@code ROUNDING}; several that add up to the order {@code SPLIT}.</li>
 *   <li>Timing: what stays alone within the timing window before midnight waits for the next days'
 *       data; when its counterpart arrives the pair is a {@code TIMING} match.</li>
 *   <li>Refunds: what an order says was refunded against the provider's refund rows for it.</li>
 *   <li>Fees: a payment's fee against its provider's contracted rate.</li>
 *   <li>Payouts: each provider's net for the day (payments − refunds − fees charged + fees returned)
 *       against the bank credit that names its settlement, once the bank's statement is in.</li>
 * </ol>
 * Records carried from earlier days take part in the pairing only: their refunds, fees and
 * settlement were checked on their own day.
 */
public final class DayMatcher {

    public static final String KEY_RULE = "key/v1";
    public static final String ROUNDING_RULE = "key-rounding/v1";
    public static final String SPLIT_RULE = "split/v1";
    public static final String MERGED_RULE = "merged/v1";
    public static final String STATUS_RULE = "status/v1";
    public static final String FEE_RULE = "fee/v1";
    public static final String REFUND_RULE = "refund/v1";
    public static final String PAYOUT_RULE = "payout/v1";
    public static final String TIMING_RULE = "timing/v1";
    private static final BigDecimal ZERO = new BigDecimal("0.00");

    private final MatchingRules rules;

    public DayMatcher(MatchingRules rules) {
        this.rules = rules;
    }

    /** Matches without a business day: payouts and timing differences, which need one, are not looked at. */
    public DayResult match(List<LedgerEntry> records) {
        return match(null, records, Map.of());
    }

    public DayResult match(LocalDate businessDay, List<LedgerEntry> records) {
        return match(businessDay, records, Map.of());
    }

    /**
     * @param businessDay  the day matched; bank credits in {@code records} may carry its settlement
     * @param records      the day's records, bank credits naming the day's settlement, and the records
     *                     still pending from earlier days
     * @param pendingSince the records carried from earlier days, with the day they began to wait
     */
    public DayResult match(LocalDate businessDay, List<LedgerEntry> records, Map<Long, LocalDate> pendingSince) {
        List<LedgerEntry> orders = ofKind(records, RecordKind.ORDER);
        List<LedgerEntry> payments = ofKind(records, RecordKind.PAYMENT);
        Day day = new Day(businessDay, pendingSince, orders, payments);
        payments.forEach(day::matchMerged);
        orders.stream().filter(o -> !day.settledOrders.contains(o.id())).forEach(day::matchByKey);
        payments.stream().filter(p -> !day.claimedPayments.contains(p.id())).forEach(p -> day.unmatched(
                new Finding(DiscrepancyType.MISSING_ORDER, KEY_RULE, p, null, null, ZERO, p.amount())));
        List<LedgerEntry> ownOrders = orders.stream().filter(o -> !pendingSince.containsKey(o.id())).toList();
        List<LedgerEntry> ownPayments = payments.stream().filter(p -> !pendingSince.containsKey(p.id())).toList();
        List<LedgerEntry> refunds = ofKind(records, RecordKind.REFUND);
        Map<String, List<LedgerEntry>> refundsByOrderNo = new HashMap<>();
        refunds.forEach(r -> index(refundsByOrderNo, r.orderNo(), r));
        Set<Long> claimedRefunds = new HashSet<>();
        ownOrders.forEach(o -> day.matchRefund(o, refundsByOrderNo, claimedRefunds));
        refunds.stream().filter(r -> !claimedRefunds.contains(r.id())).forEach(r -> day.findings.add(
                new Finding(DiscrepancyType.REFUND_UNEXPECTED, REFUND_RULE, r, null, null, ZERO, r.amount())));
        ownPayments.forEach(day::checkFee);
        if (businessDay != null) {
            day.checkPayouts(businessDay, ownPayments, refunds, ofKind(records, RecordKind.PAYOUT));
        }
        return new DayResult(day.matches, day.findings, day.pending);
    }

    /** One day's working state: indexes and what has been claimed so far. */
    private final class Day {
        final LocalDate businessDay;
        final Map<Long, LocalDate> pendingSince;
        final Map<String, List<LedgerEntry>> paymentsByOrderNo = new HashMap<>();
        final Map<String, List<LedgerEntry>> paymentsByTxnId = new HashMap<>();
        final Map<String, LedgerEntry> ordersByNo = new HashMap<>();
        final Set<Long> claimedPayments = new HashSet<>();
        final Set<Long> settledOrders = new HashSet<>();
        final List<Match> matches = new ArrayList<>();
        final List<Finding> findings = new ArrayList<>();
        final List<Pending> pending = new ArrayList<>();

        Day(LocalDate businessDay, Map<Long, LocalDate> pendingSince, List<LedgerEntry> orders,
            List<LedgerEntry> payments) {
            this.businessDay = businessDay;
            this.pendingSince = pendingSince;
            for (LedgerEntry p : payments) {
                index(paymentsByOrderNo, p.orderNo(), p);
                index(paymentsByTxnId, p.txnId(), p);
            }
            orders.forEach(o -> ordersByNo.putIfAbsent(o.orderNo(), o));
        }

        void matchMerged(LedgerEntry payment) {
            List<String> covered = coveredOrders(payment);
            if (covered.size() < 2) {
                return;
            }
            List<LedgerEntry> found = covered.stream().map(ordersByNo::get)
                    .filter(o -> o != null && !settledOrders.contains(o.id()) && !o.isCancelledOrder())
                    .toList();
            BigDecimal expected = found.stream().map(LedgerEntry::amount).reduce(ZERO, BigDecimal::add);
            claimedPayments.add(payment.id());
            found.forEach(o -> settledOrders.add(o.id()));
            if (found.size() == covered.size() && expected.compareTo(payment.amount()) == 0) {
                found.forEach(o -> matches.add(new Match(MatchKind.MERGED, MERGED_RULE, o, payment)));
            } else {
                findings.add(new Finding(DiscrepancyType.AMOUNT_MISMATCH, MERGED_RULE, payment,
                        found.isEmpty() ? null : found.get(0), found.isEmpty() ? null : found.get(0).source(),
                        expected, payment.amount()));
            }
        }

        void matchByKey(LedgerEntry order) {
            Set<LedgerEntry> candidates = new LinkedHashSet<>(paymentsByOrderNo.getOrDefault(order.orderNo(), List.of()));
            if (order.txnId() != null) {
                candidates.addAll(paymentsByTxnId.getOrDefault(order.txnId(), List.of()));
            }
            candidates.removeIf(p -> claimedPayments.contains(p.id()));
            List<LedgerEntry> paid = candidates.stream().sorted(Comparator.comparingLong(LedgerEntry::id)).toList();
            paid.forEach(p -> claimedPayments.add(p.id()));
            BigDecimal total = paid.stream().map(LedgerEntry::amount).reduce(ZERO, BigDecimal::add);

            if (order.isCancelledOrder()) {
                if (!paid.isEmpty()) {
                    findings.add(finding(DiscrepancyType.STATUS_CONFLICT, STATUS_RULE, order, paid.get(0), ZERO, total));
                }
            } else if (paid.isEmpty()) {
                if (!order.isPaidInCash()) {
                    unmatched(new Finding(DiscrepancyType.MISSING_PAYMENT, KEY_RULE, order, null,
                            order.paymentMethod(), order.amount(), ZERO));
                }
            } else if (paid.size() == 1) {
                matchOne(order, paid.get(0));
            } else if (total.compareTo(order.amount()) == 0) {
                paid.forEach(p -> matches.add(new Match(MatchKind.SPLIT, SPLIT_RULE, order, p)));
            } else if (paid.stream().allMatch(p -> p.amount().compareTo(order.amount()) == 0)) {
                findings.add(finding(DiscrepancyType.DUPLICATE_PAYMENT, KEY_RULE, order, paid.get(1), order.amount(),
                        total));
            } else {
                findings.add(finding(DiscrepancyType.AMOUNT_MISMATCH, SPLIT_RULE, order, paid.get(0), order.amount(),
                        total));
            }
        }

        private void matchOne(LedgerEntry order, LedgerEntry payment) {
            BigDecimal difference = payment.amount().subtract(order.amount()).abs();
            if (difference.signum() == 0 && (pendingSince.containsKey(order.id()) || pendingSince.containsKey(payment.id()))) {
                matches.add(new Match(MatchKind.TIMING, TIMING_RULE, order, payment));
            } else if (difference.signum() == 0) {
                matches.add(new Match(MatchKind.ONE_TO_ONE, KEY_RULE, order, payment));
            } else if (difference.compareTo(rules.roundingTolerance()) <= 0) {
                matches.add(new Match(MatchKind.ROUNDING, ROUNDING_RULE, order, payment));
            } else {
                findings.add(finding(DiscrepancyType.AMOUNT_MISMATCH, KEY_RULE, order, payment, order.amount(),
                        payment.amount()));
            }
        }

        /**
         * A record left without its counterpart: a discrepancy, unless it is a timing difference. One
         * that came within the timing window before midnight waits for the next days' data; one that
         * has waited the configured days is raised.
         */
        void unmatched(Finding finding) {
            LedgerEntry entry = finding.record();
            LocalDate since = pendingSince.get(entry.id());
            if (since != null) {
                if (ChronoUnit.DAYS.between(since, businessDay) >= rules.timingDays()) {
                    findings.add(finding);
                } else {
                    pending.add(new Pending(entry, since));
                }
            } else if (nearMidnight(entry)) {
                pending.add(new Pending(entry, businessDay));
            } else {
                findings.add(finding);
            }
        }

        private boolean nearMidnight(LedgerEntry entry) {
            if (businessDay == null || entry.occurredAt() == null) {
                return false;
            }
            LocalDateTime midnight = businessDay.plusDays(1).atStartOfDay();
            return !entry.occurredAt().isBefore(midnight.minus(rules.timingWindow()))
                    && entry.occurredAt().isBefore(midnight);
        }

        /**
         * An order that says it was refunded expects provider refunds adding up to that; a refund
         * no order expects is raised by the caller. Refunds pair with orders by order number only:
         * a refund row repeats the original payment's transaction id, which is no key of its own.
         */
        void matchRefund(LedgerEntry order, Map<String, List<LedgerEntry>> refundsByOrderNo, Set<Long> claimed) {
            BigDecimal expected = expectedRefund(order);
            if (expected.signum() == 0) {
                return;
            }
            List<LedgerEntry> refunds = refundsByOrderNo.getOrDefault(order.orderNo(), List.of()).stream()
                    .filter(r -> !claimed.contains(r.id())).toList();
            refunds.forEach(r -> claimed.add(r.id()));
            BigDecimal total = refunds.stream().map(LedgerEntry::amount).reduce(ZERO, BigDecimal::add);
            if (refunds.isEmpty()) {
                findings.add(new Finding(DiscrepancyType.REFUND_MISSING, REFUND_RULE, order, null,
                        order.paymentMethod(), expected, ZERO));
            } else if (total.compareTo(expected) == 0) {
                MatchKind kind = refunds.size() == 1 ? MatchKind.ONE_TO_ONE : MatchKind.SPLIT;
                refunds.forEach(r -> matches.add(new Match(kind, REFUND_RULE, order, r)));
            } else {
                findings.add(finding(DiscrepancyType.REFUND_AMOUNT_MISMATCH, REFUND_RULE, order, refunds.get(0),
                        expected, total));
            }
        }

        /** What the order says went back: its refunded amount, or all of it when only the status says so. */
        private BigDecimal expectedRefund(LedgerEntry order) {
            if (order.refunded() != null && order.refunded().signum() > 0) {
                return order.refunded();
            }
            return "REFUNDED".equals(order.status()) ? order.amount() : ZERO;
        }

        /**
         * Until the bank's statement with the day's settlements is in, payouts are pending and
         * nothing is raised; after that a provider's missing or different credit is a discrepancy.
         */
        void checkPayouts(LocalDate businessDay, List<LedgerEntry> payments, List<LedgerEntry> refunds,
                          List<LedgerEntry> bankCredits) {
            String settled = MatchingRules.settlementSuffix(businessDay);
            if (bankCredits.stream().noneMatch(c -> c.orderNo() != null && c.orderNo().endsWith(settled))) {
                return;
            }
            for (String source : new TreeSet<>(rules.payoutReferences().keySet())) {
                List<LedgerEntry> paid = payments.stream().filter(p -> source.equals(p.source())).toList();
                List<LedgerEntry> refunded = refunds.stream().filter(r -> source.equals(r.source())).toList();
                if (paid.isEmpty() && refunded.isEmpty()) {
                    continue;
                }
                BigDecimal net = net(paid, refunded);
                String reference = rules.payoutReference(source, businessDay);
                List<LedgerEntry> credits = bankCredits.stream().filter(c -> reference.equals(c.orderNo())).toList();
                BigDecimal credited = credits.stream().map(LedgerEntry::amount).reduce(ZERO, BigDecimal::add);
                if (credits.isEmpty()) {
                    LedgerEntry first = paid.isEmpty() ? refunded.get(0) : paid.get(0);
                    findings.add(new Finding(DiscrepancyType.PAYOUT_MISMATCH, PAYOUT_RULE, first, null, "bank", net,
                            ZERO));
                } else if (credited.compareTo(net) != 0) {
                    findings.add(new Finding(DiscrepancyType.PAYOUT_MISMATCH, PAYOUT_RULE, credits.get(0), null, source,
                            net, credited));
                }
            }
        }

        /** Fees as written carry each provider's sign; charged on payments, returned on refunds. */
        private BigDecimal net(List<LedgerEntry> paid, List<LedgerEntry> refunded) {
            BigDecimal net = BigDecimal.ZERO;
            for (LedgerEntry p : paid) {
                net = net.add(p.amount()).subtract(p.fee() == null ? BigDecimal.ZERO : p.fee().abs());
            }
            for (LedgerEntry r : refunded) {
                net = net.subtract(r.amount()).add(r.fee() == null ? BigDecimal.ZERO : r.fee().abs());
            }
            return net.setScale(2, RoundingMode.HALF_UP);
        }

        /** Fees are written with the provider's sign convention; the contract is about their size. */
        void checkFee(LedgerEntry payment) {
            BigDecimal rate = rules.feeRates().get(payment.source());
            if (rate == null || payment.fee() == null) {
                return;
            }
            BigDecimal expected = payment.amount().multiply(rate).setScale(2, RoundingMode.HALF_UP);
            BigDecimal actual = payment.fee().abs().setScale(2, RoundingMode.HALF_UP);
            if (actual.subtract(expected).abs().compareTo(rules.feeTolerance()) > 0) {
                findings.add(new Finding(DiscrepancyType.FEE_MISMATCH, FEE_RULE, payment, null, payment.source(),
                        expected, actual));
            }
        }

        /** The orders a combined payment lists, when its merchant order no. is the prefix + the first of them. */
        private List<String> coveredOrders(LedgerEntry payment) {
            if (payment.memo() == null || payment.orderNo() == null
                    || !payment.orderNo().startsWith(rules.mergedPrefix())) {
                return List.of();
            }
            List<String> listed = Arrays.stream(payment.memo().split(Pattern.quote(rules.mergedSeparator())))
                    .map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
            boolean convention = !listed.isEmpty() && payment.orderNo().equals(rules.mergedPrefix() + listed.get(0));
            return convention ? listed : List.of();
        }
    }

    private static Finding finding(DiscrepancyType type, String rule, LedgerEntry order, LedgerEntry payment,
                                   BigDecimal expected, BigDecimal actual) {
        return new Finding(type, rule, order, payment, payment.source(), expected, actual);
    }

    private static List<LedgerEntry> ofKind(List<LedgerEntry> records, RecordKind kind) {
        return records.stream().filter(r -> r.kind() == kind).sorted(Comparator.comparingLong(LedgerEntry::id)).toList();
    }

    private static void index(Map<String, List<LedgerEntry>> index, String key, LedgerEntry entry) {
        if (key != null && !key.isBlank()) {
            index.computeIfAbsent(key, k -> new ArrayList<>()).add(entry);
        }
    }
}
