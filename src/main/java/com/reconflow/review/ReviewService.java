package com.reconflow.review;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Service;

import static com.reconflow.review.ReviewVariables.*;

/** What a review needs to show, and the check and record of what the reviewer decided. */
@Service
public class ReviewService {

    static final int MAX_COMMENT_LENGTH = 2000;

    private final DiscrepancyRepository discrepancies;
    private final Clock clock;

    ReviewService(DiscrepancyRepository discrepancies, Clock clock) {
        this.discrepancies = discrepancies;
        this.clock = clock;
    }

    /** The variables the review form shows; money as strings with two decimals. */
    Map<String, Object> formVariables(long discrepancyId) {
        Discrepancy d = get(discrepancyId);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(TYPE, d.type());
        variables.put(SOURCE, d.source());
        variables.put(COUNTER_SOURCE, d.counterSource());
        variables.put(ORDER_NO, d.orderNo());
        variables.put(TXN_ID, d.txnId());
        variables.put(EXPECTED, text(d.expected()));
        variables.put(ACTUAL, text(d.actual()));
        variables.put(DIFFERENCE, text(d.difference()));
        variables.put(CANDIDATE_GROUP, d.candidateGroup());
        variables.put(TITLE, title(d));
        return variables;
    }

    void linkTask(long discrepancyId, String taskId) {
        discrepancies.linkTask(discrepancyId, taskId);
    }

    /** Rejects an incomplete form before the task completes, whatever client submitted it. */
    void checkDecision(Object decision, Object comment) {
        Decision.parse(decision);
        if (comment == null || comment.toString().isBlank()) {
            throw new IllegalArgumentException("a comment explaining the decision is required");
        }
        if (comment.toString().length() > MAX_COMMENT_LENGTH) {
            throw new IllegalArgumentException("the comment is longer than " + MAX_COMMENT_LENGTH + " characters");
        }
    }

    void recordDecision(long discrepancyId, Object decision, Object comment, String reviewedBy) {
        checkDecision(decision, comment);
        get(discrepancyId);
        discrepancies.resolve(discrepancyId, Decision.parse(decision), comment.toString().strip(), reviewedBy,
                clock.instant());
    }

    private Discrepancy get(long id) {
        return discrepancies.find(id).orElseThrow(() -> new IllegalStateException("no discrepancy #" + id));
    }

    /** What Tasklist lists: the kind of difference, the key finance searches by, and how much. */
    private static String title(Discrepancy d) {
        String key = d.orderNo() != null ? "order " + d.orderNo() : "payment " + d.txnId();
        return d.type() + " · " + key + " · " + d.difference().toPlainString();
    }

    private static String text(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }
}
