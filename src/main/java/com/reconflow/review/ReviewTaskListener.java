package com.reconflow.review;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Links the review task to its discrepancy when it is created, and on completion refuses an
 * incomplete decision and notes who decided.
 */
@Component
class ReviewTaskListener implements TaskListener {

    private final ReviewService reviews;

    ReviewTaskListener(ReviewService reviews) {
        this.reviews = reviews;
    }

    @Override
    public void notify(DelegateTask task) {
        long discrepancyId = ((Number) task.getVariable(ReviewVariables.DISCREPANCY_ID)).longValue();
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> reviews.linkTask(discrepancyId, task.getId());
            case EVENTNAME_COMPLETE -> {
                try {
                    reviews.checkDecision(task.getVariable(ReviewVariables.DECISION),
                            task.getVariable(ReviewVariables.COMMENT));
                } catch (IllegalArgumentException e) {
                    throw new ProcessEngineException("Discrepancy #" + discrepancyId + " cannot be closed: "
                            + e.getMessage());
                }
                task.setVariable(ReviewVariables.REVIEWED_BY, reviewer(task));
            }
            default -> {
            }
        }
    }

    /** The logged-in user who completed the task; the assignee when completed by the system. */
    private static String reviewer(DelegateTask task) {
        Authentication authentication = task.getProcessEngineServices().getIdentityService()
                .getCurrentAuthentication();
        if (authentication != null && authentication.getUserId() != null) {
            return authentication.getUserId();
        }
        return task.getAssignee() != null ? task.getAssignee() : "system";
    }
}
