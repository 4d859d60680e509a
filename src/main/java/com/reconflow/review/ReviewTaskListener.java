package com.reconflow.review;

import com.reconflow.config.TaskActor;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The review task: linked to its discrepancy when created; on completion an incomplete or
 * inconsistent decision is refused, and who decided what is noted (a reassignment moves the case to
 * the other group's list).
 */
@Component
class ReviewTaskListener implements TaskListener {

    private final ReviewService reviews;

    ReviewTaskListener(ReviewService reviews) {
        this.reviews = reviews;
    }

    @Override
    public void notify(DelegateTask task) {
        long discrepancyId = discrepancyId(task);
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> reviews.linkTask(discrepancyId, task.getId());
            case EVENTNAME_COMPLETE -> {
                ReviewService.ReviewDecision decision;
                try {
                    decision = reviews.checkDecision(task.getVariable(ReviewVariables.DECISION),
                            task.getVariable(ReviewVariables.COMMENT), task.getVariable(ReviewVariables.REASSIGN_TO),
                            task.getVariable(ReviewVariables.ADJUSTMENT_AMOUNT));
                } catch (IllegalArgumentException e) {
                    throw new ProcessEngineException("Discrepancy #" + discrepancyId + " cannot be closed: "
                            + e.getMessage());
                }
                String reviewer = TaskActor.of(task);
                task.setVariable(ReviewVariables.REVIEWED_BY, reviewer);
                if (decision.decision() == Decision.REASSIGN) {
                    task.setVariable(ReviewVariables.CANDIDATE_GROUP, decision.reassignTo());
                }
                reviews.decided(discrepancyId, decision, reviewer);
            }
            default -> {
            }
        }
    }

    static long discrepancyId(DelegateTask task) {
        return ((Number) task.getVariable(ReviewVariables.DISCREPANCY_ID)).longValue();
    }
}
