package com.reconflow.matching;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.reconflow.ingest.RecordKind;

/**
 * Reconciles a business day: orders with payments and refunds, fees with the contracts, each
 * provider's net with its bank credit. Hash joins on the keys, no per-record lookups, so the cost
 * grows with the day's size and no more.
 *
 * <ol>
 *   <li>Manual: pairs a person linked are matched first, pairs a person separated never are.</li>
 *   <li>Merged: a combined-checkout payment covers the orders its memo lists (rule {@code merged}).</li>
 *   <li>By key: the payment's merchant order number is the order number, or its transaction id is the
 *       order's payment serial. One payment of the same amount is {@code ONE_TO_ONE}; within the
 *       rounding tolerance {@code ROUNDING}; several that add up to the order {@code SPLIT}.</li>
 *   <li>Fallback: an order and a payment still alone, of the same amount and provider and close in
 *       time, each the other's only candidate, are proposed to a person (rule {@code fallback}).</li>
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
    public static final String MANUAL_RULE = "manual/v1";
    public static final String FALLBACK_RULE = "fallback/v1";
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

    public DayResult match(LocalDate businessDay, List<LedgerEntry> records, Map<Long, LocalDate> pendingSince) {
        return match(businessDay, records, pendingSince, ManualPairs.NONE);
    }

    /**
     * @param businessDay  the day matched; bank credits in {@code records} may carry its settlement
     * @param records      the day's records, bank credits naming the day's settlement, and the records
     *                     still pending from earlier days
     * @param pendingSince the records carried from earlier days, with the day they began to wait
     * @param manual       the pairs people linked or separated on this day
     */
    public DayResult match(LocalDate businessDay, List<LedgerEntry> records, Map<Long, LocalDate> pendingSince,
                           ManualPairs manual) {
        List<LedgerEntry> orders = ofKind(records, RecordKind.ORDER);
        List<LedgerEntry> payments = ofKind(records, RecordKind.PAYMENT);
        Day day = new Day(businessDay, pendingSince, manual, orders, payments);
        day.matchManual(manual.linked());
        payments.stream().filter(p -> !day.claimedPayments.contains(p.id())).forEach(day::matchMerged);
        orders.stream().filter(o -> !day.settledOrders.contains(o.id())).forEach(day::matchByKey);
        List<LedgerEntry> orphanPayments = payments.stream().filter(p -> !day.claimedPayments.contains(p.id())).toList();
        day.proposeOrRaise(orphanPayments);
        List<LedgerEntry> ownOrders = orders.stream().filter(o -> !pendingSince.containsKey(o.id())).toList();
        List<LedgerEntry> ownPayments = payments.stream().filter(p -> !pendingSince.containsKey(p.id())).toList();
        List<LedgerEntry> refunds = ofKind(records, RecordKind.REFUND);
        Map<String, List<LedgerEntry>> refundsByOrderNo = new HashMap<>();
        refunds.forEach(r -> index(refundsByOrderNo, r.orderNo(), r));
        Set<Long> claimedRefunds = new HashSet<>();
        ownOrders.forEach(o -> day.matchRefund(o, refundsByOrderNo, claimedRefunds));
        refunds.stream().filter(r -> !claimedRefunds.contains(r.id())).forEach(r -> day.findings.add(
                new Finding(DiscrepancyType.REFUND_UNEXPECTED, REFUND_RULE, r, null, null, ZERO, r.amount(),
                        "order_no=" + r.orderNo(), ZERO)));
        ownPayments.forEach(day::checkFee);
        if (businessDay != null) {
            day.checkPayouts(businessDay, ownPayments, refunds, ofKind(records, RecordKind.PAYOUT));
        }
        return new DayResult(day.matches, day.findings, day.pending, day.proposals);
    }

    /** One day's working state: indexes and what has been claimed so far. */
    private final class Day {
        final LocalDate businessDay;
        final Map<Long, LocalDate> pendingSince;
        final ManualPairs manual;
        final Map<Long, LedgerEntry> byId = new HashMap<>();
        // Sized for the day up front: growing a table of millions copies it again and again.
        final Map<String, List<LedgerEntry>> paymentsByOrderNo;
        final Map<String, List<LedgerEntry>> paymentsByTxnId;
        final Map<String, LedgerEntry> ordersByNo;
        final Set<Long> claimedPayments;
        final Set<Long> settledOrders = new HashSet<>();
        final List<Match> matches;
        final List<Finding> findings = new ArrayList<>();
        final List<Pending> pending = new ArrayList<>();
        final List<Proposal> proposals = new ArrayList<>();
        /** Orders left without any payment by the key rules: proposed, pending or raised at the end. */
        final List<LedgerEntry> orphanOrders = new ArrayList<>();

        Day(LocalDate businessDay, Map<Long, LocalDate> pendingSince, ManualPairs manual, List<LedgerEntry> orders,
            List<LedgerEntry> payments) {
            this.businessDay = businessDay;
            this.pendingSince = pendingSince;
            this.manual = manual;
            this.paymentsByOrderNo = sized(payments.size());
            this.paymentsByTxnId = sized(payments.size());
            this.ordersByNo = sized(orders.size());
            this.claimedPayments = new HashSet<>(capacity(payments.size()));
            this.matches = new ArrayList<>(payments.size());
            for (LedgerEntry p : payments) {
                index(paymentsByOrderNo, p.orderNo(), p);
                index(paymentsByTxnId, p.txnId(), p);
            }
            orders.forEach(o -> ordersByNo.putIfAbsent(o.orderNo(), o));
            if (!manual.linked().isEmpty()) {
                orders.forEach(o -> byId.put(o.id(), o));
                payments.forEach(p -> byId.put(p.id(), p));
            }
        }

        /**
         * A person's links pair records whatever their keys say; the amounts are still compared, so a
         * linked pair that differs is raised as the amount mismatch it is. A payment linked to several
         * orders covers them together, like a combined checkout.
         */
        void matchManual(Set<RecordPair> linked) {
            Map<LedgerEntry, List<LedgerEntry>> ordersByPayment = new TreeMap<>(BY_ID);
            for (RecordPair pair : linked) {
                LedgerEntry order = byId.get(pair.orderId());
                LedgerEntry payment = byId.get(pair.paymentId());
                if (order != null && payment != null && order.kind() == RecordKind.ORDER
                        && payment.kind() == RecordKind.PAYMENT) {
                    ordersByPayment.computeIfAbsent(payment, p -> new ArrayList<>()).add(order);
                }
            }
            Map<LedgerEntry, List<LedgerEntry>> paymentsByOrder = new TreeMap<>(BY_ID);
            ordersByPayment.forEach((payment, linkedOrders) -> {
                if (linkedOrders.size() > 1) {
                    linkedOrders.sort(BY_ID);
                    settle(linkedOrders, List.of(payment));
                } else {
                    paymentsByOrder.computeIfAbsent(linkedOrders.get(0), o -> new ArrayList<>()).add(payment);
                }
            });
            paymentsByOrder.forEach((order, linkedPayments) -> {
                if (!settledOrders.contains(order.id())) {
                    settle(List.of(order), linkedPayments);
                }
            });
        }

        private void settle(List<LedgerEntry> linkedOrders, List<LedgerEntry> linkedPayments) {
            BigDecimal ordered = sum(linkedOrders);
            BigDecimal paid = sum(linkedPayments);
            linkedOrders.forEach(o -> settledOrders.add(o.id()));
            linkedPayments.forEach(p -> claimedPayments.add(p.id()));
            if (ordered.compareTo(paid) == 0) {
                for (LedgerEntry o : linkedOrders) {
                    linkedPayments.forEach(p -> matches.add(new Match(MatchKind.MANUAL, MANUAL_RULE, o, p,
                            "linked by a person", ZERO)));
                }
            } else {
                LedgerEntry payment = linkedPayments.get(0);
                findings.add(new Finding(DiscrepancyType.AMOUNT_MISMATCH, MANUAL_RULE, linkedOrders.get(0), payment,
                        payment.source(), ordered, paid, "linked by a person", ZERO));
            }
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
            String basis = "memo=" + payment.memo();
            if (found.size() == covered.size() && expected.compareTo(payment.amount()) == 0) {
                found.forEach(o -> matches.add(new Match(MatchKind.MERGED, MERGED_RULE, o, payment, basis, ZERO)));
            } else {
                findings.add(new Finding(DiscrepancyType.AMOUNT_MISMATCH, MERGED_RULE, payment,
                        found.isEmpty() ? null : found.get(0), found.isEmpty() ? null : found.get(0).source(),
                        expected, payment.amount(), basis, ZERO));
            }
        }

        void matchByKey(LedgerEntry order) {
            // Runs once per order of the day: plain lists, as a payment found by both keys is one payment.
            List<LedgerEntry> paid = new ArrayList<>(2);
            addCandidates(order, paymentsByOrderNo.getOrDefault(order.orderNo(), List.of()), paid);
            if (order.txnId() != null) {
                addCandidates(order, paymentsByTxnId.getOrDefault(order.txnId(), List.of()), paid);
            }
            if (paid.size() > 1) {
                paid.sort(Comparator.comparingLong(LedgerEntry::id));
            }
            BigDecimal total = ZERO;
            for (LedgerEntry p : paid) {
                claimedPayments.add(p.id());
                total = total.add(p.amount());
            }

            if (order.isCancelledOrder()) {
                if (!paid.isEmpty()) {
                    findings.add(finding(DiscrepancyType.STATUS_CONFLICT, STATUS_RULE, order, paid.get(0), ZERO, total,
                            ZERO));
                }
            } else if (paid.isEmpty()) {
                if (!order.isPaidInCash()) {
                    orphanOrders.add(order);
                }
            } else if (paid.size() == 1) {
                matchOne(order, paid.get(0));
            } else if (total.compareTo(order.amount()) == 0) {
                paid.forEach(p -> matches.add(new Match(MatchKind.SPLIT, SPLIT_RULE, order, p, keyOf(order, p), ZERO)));
            } else if (paid.stream().allMatch(p -> p.amount().compareTo(order.amount()) == 0)) {
                findings.add(finding(DiscrepancyType.DUPLICATE_PAYMENT, KEY_RULE, order, paid.get(1), order.amount(),
                        total, ZERO));
            } else {
                findings.add(finding(DiscrepancyType.AMOUNT_MISMATCH, SPLIT_RULE, order, paid.get(0), order.amount(),
                        total, ZERO));
            }
        }

        /** The payments found by a key that are still free and that no one separated from the order. */
        private void addCandidates(LedgerEntry order, List<LedgerEntry> found, List<LedgerEntry> paid) {
            for (LedgerEntry p : found) {
                if (!claimedPayments.contains(p.id()) && !manual.separates(order, p)
                        && paid.stream().noneMatch(q -> q.id() == p.id())) {
                    paid.add(p);
                }
            }
        }

        private void matchOne(LedgerEntry order, LedgerEntry payment) {
            BigDecimal difference = payment.amount().subtract(order.amount()).abs();
            String basis = keyOf(order, payment);
            BigDecimal tolerance = rules.roundingTolerance();
            if (difference.signum() == 0 && (pendingSince.containsKey(order.id()) || pendingSince.containsKey(payment.id()))) {
                matches.add(new Match(MatchKind.TIMING, TIMING_RULE, order, payment, basis, ZERO));
            } else if (difference.signum() == 0) {
                matches.add(new Match(MatchKind.ONE_TO_ONE, KEY_RULE, order, payment, basis, ZERO));
            } else if (difference.compareTo(tolerance) <= 0) {
                matches.add(new Match(MatchKind.ROUNDING, ROUNDING_RULE, order, payment, basis, tolerance));
            } else {
                findings.add(finding(DiscrepancyType.AMOUNT_MISMATCH, KEY_RULE, order, payment, order.amount(),
                        payment.amount(), tolerance));
            }
        }

        /**
         * The orders and payments the key rules left alone. Where an order and a payment are each the
         * other's only look-alike they are proposed as a pair; the rest wait as timing differences
         * or are raised.
         */
        void proposeOrRaise(List<LedgerEntry> orphanPayments) {
            Set<Long> proposed = new HashSet<>();
            if (!rules.fallbackWindow().isZero()) {
                for (Proposal proposal : propose(orphanOrders, orphanPayments)) {
                    proposals.add(proposal);
                    proposed.add(proposal.order().id());
                    proposed.add(proposal.payment().id());
                }
            }
            orphanOrders.stream().filter(o -> !proposed.contains(o.id())).forEach(o -> unmatched(
                    new Finding(DiscrepancyType.MISSING_PAYMENT, KEY_RULE, o, null, o.paymentMethod(), o.amount(),
                            ZERO, keyOf(o), ZERO)));
            orphanPayments.stream().filter(p -> !proposed.contains(p.id())).forEach(p -> unmatched(
                    new Finding(DiscrepancyType.MISSING_ORDER, KEY_RULE, p, null, null, ZERO, p.amount(),
                            "order_no=" + p.orderNo(), ZERO)));
        }

        /**
         * Same amount, the payment's provider is the order's payment method, at most the fallback window
         * apart, and each the other's only such candidate. Confidence starts at 1 and falls with the time
         * between them (down to 0.6 at the window's edge) and by 0.3 when the order names another serial.
         */
        private List<Proposal> propose(List<LedgerEntry> orders, List<LedgerEntry> payments) {
            Map<String, List<LedgerEntry>> paymentsByLook = new HashMap<>();
            for (LedgerEntry p : payments) {
                if (p.occurredAt() != null) {
                    paymentsByLook.computeIfAbsent(look(p.source(), p.amount()), k -> new ArrayList<>()).add(p);
                }
            }
            Map<LedgerEntry, List<LedgerEntry>> candidates = new LinkedHashMap<>();
            Map<Long, Integer> timesChosen = new HashMap<>();
            for (LedgerEntry o : orders) {
                if (o.occurredAt() == null) {
                    continue;
                }
                List<LedgerEntry> alike = paymentsByLook.getOrDefault(look(o.paymentMethod(), o.amount()), List.of())
                        .stream()
                        .filter(p -> gap(o, p).compareTo(rules.fallbackWindow()) <= 0 && !manual.separates(o, p))
                        .toList();
                if (!alike.isEmpty()) {
                    candidates.put(o, alike);
                    alike.forEach(p -> timesChosen.merge(p.id(), 1, Integer::sum));
                }
            }
            List<Proposal> result = new ArrayList<>();
            candidates.forEach((order, alike) -> {
                if (alike.size() != 1 || timesChosen.get(alike.get(0).id()) != 1) {
                    return;
                }
                LedgerEntry payment = alike.get(0);
                Duration gap = gap(order, payment);
                double closeness = 1.0 - (double) gap.toMillis() / rules.fallbackWindow().toMillis();
                double confidence = 0.6 + 0.4 * closeness;
                if (order.txnId() != null && !order.txnId().equals(payment.txnId())) {
                    confidence -= 0.3;
                }
                BigDecimal score = BigDecimal.valueOf(confidence).setScale(2, RoundingMode.HALF_UP);
                if (score.compareTo(rules.fallbackMinConfidence()) >= 0) {
                    result.add(new Proposal(order, payment, score, FALLBACK_RULE, "amount=" + order.amount()
                            + ", provider=" + payment.source() + ", " + gap.toSeconds() + " s apart"));
                }
            });
            return result;
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
            String basis = "order_no=" + order.orderNo();
            if (refunds.isEmpty()) {
                findings.add(new Finding(DiscrepancyType.REFUND_MISSING, REFUND_RULE, order, null,
                        order.paymentMethod(), expected, ZERO, basis, ZERO));
            } else if (total.compareTo(expected) == 0) {
                MatchKind kind = refunds.size() == 1 ? MatchKind.ONE_TO_ONE : MatchKind.SPLIT;
                refunds.forEach(r -> matches.add(new Match(kind, REFUND_RULE, order, r, basis, ZERO)));
            } else {
                findings.add(finding(DiscrepancyType.REFUND_AMOUNT_MISMATCH, REFUND_RULE, order, refunds.get(0),
                        expected, total, ZERO));
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
                String basis = "reference=" + reference;
                if (credits.isEmpty()) {
                    LedgerEntry first = paid.isEmpty() ? refunded.get(0) : paid.get(0);
                    findings.add(new Finding(DiscrepancyType.PAYOUT_MISMATCH, PAYOUT_RULE, first, null, "bank", net,
                            ZERO, basis, ZERO));
                } else if (credited.compareTo(net) != 0) {
                    findings.add(new Finding(DiscrepancyType.PAYOUT_MISMATCH, PAYOUT_RULE, credits.get(0), null, source,
                            net, credited, basis, ZERO));
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
                        expected, actual, "rate=" + rate.toPlainString(), rules.feeTolerance()));
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
                                   BigDecimal expected, BigDecimal actual, BigDecimal tolerance) {
        return new Finding(type, rule, order, payment, payment.source(), expected, actual, keyOf(order, payment),
                tolerance);
    }

    /** The key that paired an order with a provider record: its order number, else its payment serial. */
    private static String keyOf(LedgerEntry order, LedgerEntry payment) {
        return order.orderNo() != null && order.orderNo().equals(payment.orderNo()) ? "order_no=" + order.orderNo()
                : "txn_id=" + payment.txnId();
    }

    /** The keys an order's payment was looked for by. */
    private static String keyOf(LedgerEntry order) {
        return "order_no=" + order.orderNo() + (order.txnId() == null ? "" : ", txn_id=" + order.txnId());
    }

    private static String look(String provider, BigDecimal amount) {
        return provider + "|" + amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static Duration gap(LedgerEntry order, LedgerEntry payment) {
        return Duration.between(order.occurredAt(), payment.occurredAt()).abs();
    }

    private static BigDecimal sum(List<LedgerEntry> entries) {
        return entries.stream().map(LedgerEntry::amount).reduce(ZERO, BigDecimal::add);
    }

    private static final Comparator<LedgerEntry> BY_ID = Comparator.comparingLong(LedgerEntry::id);

    private static List<LedgerEntry> ofKind(List<LedgerEntry> records, RecordKind kind) {
        return records.stream().filter(r -> r.kind() == kind).sorted(Comparator.comparingLong(LedgerEntry::id)).toList();
    }

    private static <K, V> Map<K, V> sized(int entries) {
        return new HashMap<>(capacity(entries));
    }

    /** A hash table's capacity that holds that many entries without growing. */
    private static int capacity(int entries) {
        return Math.max(16, (int) (entries / 0.75f) + 1);
    }

    /** Most keys have one entry: a one-element list until a second comes (a third of the memory of an ArrayList). */
    private static void index(Map<String, List<LedgerEntry>> index, String key, LedgerEntry entry) {
        if (key != null && !key.isBlank()) {
            index.merge(key, List.of(entry), (found, one) -> {
                List<LedgerEntry> all = found instanceof ArrayList<LedgerEntry> list ? list : new ArrayList<>(found);
                all.addAll(one);
                return all;
            });
        }
    }
}
