package com.reconflow.run;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import com.reconflow.matching.ProposalRepository;
import com.reconflow.matching.StoredProposal;
import com.reconflow.review.Comments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * A proposed pair in Tasklist: what the proposal-review form shows, the check of the person's
 * answer, and its application (a confirmed pair is linked, a rejected one separated, and the day
 * matched again, as over the REST API).
 */
@Service
class ProposalReview {

    private static final Logger log = LoggerFactory.getLogger(ProposalReview.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ProposalRepository proposals;
    private final RunService runs;
    private final Clock clock;

    ProposalReview(ProposalRepository proposals, RunService runs, Clock clock) {
        this.proposals = proposals;
        this.runs = runs;
        this.clock = clock;
    }

    Map<String, Object> formVariables(long proposalId, String businessDate) {
        StoredProposal p = get(proposalId);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("orderSource", p.order().source());
        variables.put("orderNo", p.order().orderNo());
        variables.put("orderAmount", text(p.order().amount()));
        variables.put("orderTime", time(p.order().occurredAt()));
        variables.put("paymentSource", p.payment().source());
        variables.put("txnId", p.payment().txnId());
        variables.put("paymentAmount", text(p.payment().amount()));
        variables.put("paymentTime", time(p.payment().occurredAt()));
        variables.put("confidence", p.confidence().toPlainString());
        variables.put("rule", p.ruleId() + " (rules " + p.rulesVersion() + "): " + p.basis());
        variables.put(RunVariables.PROPOSAL_TITLE, businessDate + " · PROPOSED MATCH · " + p.order().source() + " "
                + p.order().orderNo() + " ↔ " + p.payment().source() + " " + p.payment().txnId() + " · ¥"
                + text(p.order().amount()) + " · " + p.confidence().toPlainString());
        return variables;
    }

    void linkTask(long proposalId, String taskId) {
        proposals.linkTask(proposalId, taskId);
    }

    /** CONFIRM or REJECT, with the comment the audit keeps; refused otherwise, whatever client submits it. */
    boolean checkAnswer(Object decision, Object comment) {
        if (decision == null || !("CONFIRM".equals(decision.toString()) || "REJECT".equals(decision.toString()))) {
            throw new IllegalArgumentException("confirm or reject the proposed pair");
        }
        Comments.required(comment, "a comment explaining the decision is required");
        return "CONFIRM".equals(decision.toString());
    }

    /** Applies the answer, once: a proposal decided meanwhile (over the API) is left as it was decided. */
    void apply(long runId, long proposalId, Object decision, Object comment, String decidedBy) {
        boolean confirmed = checkAnswer(decision, comment);
        if (get(proposalId).status() != StoredProposal.Status.OPEN) {
            log.info("Proposal #{} was decided or withdrawn meanwhile; its case applies nothing", proposalId);
            return;
        }
        runs.decideProposal(runId, proposalId, confirmed, Comments.optional(comment), decidedBy);
    }

    private StoredProposal get(long id) {
        return proposals.find(id).orElseThrow(() -> new IllegalStateException("no proposal #" + id));
    }

    private String time(Instant at) {
        return at == null ? null : TIME.format(at.atZone(clock.getZone()));
    }

    private static String text(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }
}
