package com.reconflow.review;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.reconflow.config.TaskActor;
import com.reconflow.review.ReviewEvents.Kind;
import com.reconflow.security.Groups;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static com.reconflow.review.ReviewVariables.*;

/**
 * The review of one discrepancy, step by step: routed when its case opens, decided by a person,
 * approved by another where the routing asks for it, reminded and escalated when it waits too long,
 * and finally applied. Every step is checked here, whichever client drives the task, and written to
 * the review's event log.
 */
@Service
public class ReviewService {

    /** Groups a case may be reassigned to in the form. */
    static final Set<String> REVIEW_GROUPS = Set.of(Groups.FINANCE, Groups.FINANCE_MANAGER, Groups.OPERATIONS);
    static final String ESCALATION_GROUP = Groups.FINANCE_MANAGER;
    static final int ESCALATED_PRIORITY = 100;
    /** The reminder comes when this share of the SLA has passed. */
    private static final double REMINDER_SHARE = 0.75;
    private static final DateTimeFormatter DUE = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final DiscrepancyRepository discrepancies;
    private final ReviewRules rules;
    private final ReviewEvents events;
    private final Clock clock;
    private final List<DiscrepancyFacts> facts;

    ReviewService(DiscrepancyRepository discrepancies, ReviewRules rules, ReviewEvents events, Clock clock,
                  List<DiscrepancyFacts> facts) {
        this.discrepancies = discrepancies;
        this.rules = rules;
        this.events = events;
        this.clock = clock;
        this.facts = facts;
    }

    /** A reviewer's decision as the form submitted it, checked. */
    public record ReviewDecision(Decision decision, String comment, String reassignTo, BigDecimal adjustmentAmount) {
    }

    /**
     * The discrepancies a rule of the auto-resolution table closes are resolved here, with the rule;
     * the others are returned: they need a person.
     */
    @Transactional
    public List<Long> autoResolve(List<Long> ids) {
        List<Long> toReview = new ArrayList<>(ids.size());
        for (long id : ids) {
            Discrepancy d = get(id);
            Optional<String> rule = rules.autoResolution(d);
            if (rule.isPresent() && discrepancies.autoResolve(id, rule.get(), clock.instant())) {
                events.record(id, Kind.AUTO_RESOLVED, TaskActor.SYSTEM, rule.get() + ": " + d.type() + " of "
                        + (d.difference() == null ? "no amount" : d.difference().toPlainString()), clock.instant());
            } else {
                toReview.add(id);
            }
        }
        return toReview;
    }

    /**
     * Routes the discrepancy with the routing table and returns what its review shows and needs:
     * the form's facts (money as strings with two decimals), candidate group, priority, SLA and the
     * times derived from it, and whether a second approval is needed.
     */
    Map<String, Object> open(long discrepancyId) {
        Discrepancy d = get(discrepancyId);
        ReviewRules.Routing routing = rules.route(d);
        discrepancies.route(discrepancyId, routing);
        events.record(discrepancyId, Kind.OPENED, TaskActor.SYSTEM, "routed by " + ReviewRules.ROUTING + " to "
                + routing.candidateGroup() + ", priority " + routing.priority() + ", SLA " + routing.sla()
                + (routing.secondApproval() ? ", second approval by finance-manager" : ""), clock.instant());
        DiscrepancyRepository.Basis basis = discrepancies.basis(discrepancyId);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(TYPE, d.type());
        variables.put(SOURCE, d.source());
        variables.put(COUNTER_SOURCE, d.counterSource());
        variables.put(ORDER_NO, d.orderNo());
        variables.put(TXN_ID, d.txnId());
        variables.put(EXPECTED, text(d.expected()));
        variables.put(ACTUAL, text(d.actual()));
        variables.put(DIFFERENCE, text(d.difference()));
        variables.put(RULE, basis.rule());
        variables.put(ORIGIN, discrepancies.origin(basis.recordId()).orElse(null));
        variables.put(COUNTER_ORIGIN, discrepancies.origin(basis.counterRecordId()).orElse(null));
        variables.put(CANDIDATE_GROUP, routing.candidateGroup());
        variables.put(PRIORITY, routing.priority());
        variables.put(SLA, routing.sla().toString());
        variables.put(REMINDER_AFTER, reminderAfter(routing.sla()).toString());
        variables.put(REVIEW_DUE, DUE.format(clock.instant().plus(routing.sla()).atZone(clock.getZone())));
        variables.put(SECOND_APPROVAL, routing.secondApproval());
        variables.put(ESCALATED, false);
        variables.put(TITLE, title(basis.businessDate(), d));
        variables.put(APPROVAL_TITLE, "Approve · " + title(basis.businessDate(), d));
        facts.forEach(f -> variables.putAll(f.facts(discrepancyId, d.type())));
        return variables;
    }

    void linkTask(long discrepancyId, String taskId) {
        discrepancies.linkTask(discrepancyId, taskId);
    }

    /** Rejects an incomplete or inconsistent form before the task completes, whatever client submitted it. */
    ReviewDecision checkDecision(Object decision, Object comment, Object reassignTo, Object adjustmentAmount) {
        Decision parsed = Decision.parse(decision);
        String why = Comments.required(comment, parsed == Decision.WRITE_OFF
                ? "a write-off needs a comment giving its reason"
                : "a comment explaining the decision is required");
        String group = null;
        if (parsed == Decision.REASSIGN) {
            group = reassignTo == null ? "" : reassignTo.toString().strip();
            if (!REVIEW_GROUPS.contains(group)) {
                throw new IllegalArgumentException("reassign to one of the groups " + REVIEW_GROUPS.stream().sorted().toList());
            }
        }
        BigDecimal amount = null;
        if (parsed == Decision.ADJUSTMENT) {
            amount = money(adjustmentAmount);
        }
        return new ReviewDecision(parsed, why, group, amount);
    }

    /** A person decided: a reassignment moves the case to the other group's list, any other decision is kept. */
    void decided(long discrepancyId, ReviewDecision decision, String reviewer) {
        if (decision.decision() == Decision.REASSIGN) {
            discrepancies.reassign(discrepancyId, decision.reassignTo(), null);
            events.record(discrepancyId, Kind.REASSIGNED, reviewer, "to " + decision.reassignTo() + ": "
                    + decision.comment(), clock.instant());
            return;
        }
        events.record(discrepancyId, Kind.DECIDED, reviewer, decision.decision().name()
                + (decision.adjustmentAmount() == null ? "" : " " + decision.adjustmentAmount().toPlainString())
                + ": " + decision.comment(), clock.instant());
    }

    /** Four eyes: whoever approves a decision must be another person than whoever took it. */
    void checkApprover(String decidedBy, String approver) {
        if (approver != null && approver.equals(decidedBy)) {
            throw new IllegalArgumentException(approver + " took this decision and may not approve it too; "
                    + "another finance manager must approve it");
        }
    }

    /** The approver's answer, checked: approve, or reject with the reason the reviewer will read. */
    boolean checkApproval(Object approval, Object rejectionReason) {
        if (approval == null || !Set.of("APPROVE", "REJECT").contains(approval.toString())) {
            throw new IllegalArgumentException("approve or reject the decision");
        }
        boolean approved = "APPROVE".equals(approval.toString());
        if (approved) {
            Comments.optional(rejectionReason);
        } else {
            Comments.required(rejectionReason, "a rejection needs the reason the reviewer will read");
        }
        return approved;
    }

    void approvalGiven(long discrepancyId, String approver, boolean approved, Object rejectionReason) {
        if (approved) {
            discrepancies.approved(discrepancyId, approver, clock.instant());
            events.record(discrepancyId, Kind.APPROVED, approver, null, clock.instant());
        } else {
            events.record(discrepancyId, Kind.REJECTED, approver, rejectionReason.toString().strip(), clock.instant());
        }
    }

    /**
     * Applies the decision: closes the discrepancy and writes its posting. Idempotent: a retried job
     * finds the posting and writes nothing twice.
     */
    @Transactional
    public void apply(long discrepancyId, Object decision, Object comment, Object adjustmentAmount, String decidedBy,
                      String approvedBy) {
        Discrepancy d = get(discrepancyId);
        ReviewDecision checked = checkDecision(decision, comment, null, adjustmentAmount);
        BigDecimal amount = checked.adjustmentAmount() != null ? checked.adjustmentAmount() : d.difference();
        if (discrepancies.apply(discrepancyId, checked.decision(), amount, checked.comment(), decidedBy, approvedBy,
                clock.instant())) {
            events.record(discrepancyId, Kind.APPLIED, TaskActor.SYSTEM, checked.decision().outcome()
                    + (amount == null ? "" : ", " + amount.toPlainString()), clock.instant());
        }
    }

    /** The SLA is near: the task comes up the list, and the log shows the reviewer was reminded. */
    void remind(long discrepancyId, String assignee, String candidateGroup) {
        events.record(discrepancyId, Kind.REMINDED, TaskActor.SYSTEM, "reminded "
                + (assignee != null ? assignee : "group " + candidateGroup) + ": the SLA is near", clock.instant());
    }

    /** The SLA passed: the case goes to the finance managers at the top of their list. */
    void escalate(long discrepancyId, String from) {
        discrepancies.reassign(discrepancyId, ESCALATION_GROUP, ESCALATED_PRIORITY);
        events.record(discrepancyId, Kind.ESCALATED, TaskActor.SYSTEM, "SLA passed: from " + from + " to "
                + ESCALATION_GROUP + ", priority " + ESCALATED_PRIORITY, clock.instant());
    }

    private Discrepancy get(long id) {
        return discrepancies.find(id).orElseThrow(() -> new IllegalStateException("no discrepancy #" + id));
    }

    static Duration reminderAfter(Duration sla) {
        return Duration.ofSeconds((long) (sla.toSeconds() * REMINDER_SHARE));
    }

    /** What Tasklist lists: the date, the kind of difference, where and which key, and how much. */
    private static String title(LocalDate businessDate, Discrepancy d) {
        String key = d.orderNo() != null ? d.orderNo() : d.txnId();
        return businessDate + " · " + d.type() + " · " + d.source() + " " + key
                + (d.difference() == null ? "" : " · ¥" + d.difference().toPlainString());
    }

    private static BigDecimal money(Object value) {
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("an adjustment needs its amount");
        }
        try {
            BigDecimal amount = new BigDecimal(value.toString().strip().replace(",", ""));
            if (amount.scale() > 2) {
                throw new IllegalArgumentException("the adjustment amount has more than two decimals: " + value);
            }
            return amount.setScale(2);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the adjustment amount is not a number: " + value);
        }
    }

    private static String text(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }
}
