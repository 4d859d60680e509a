package com.reconflow.review;

import com.reconflow.config.TaskActor;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Four eyes on the approval task, enforced by the engine whichever client is used: the person who
 * decided can neither take the approval (claim, assignment) nor complete it. On completion the
 * answer is checked and noted; a rejection carries its reason back to the reviewer.
 */
@Component
class ApprovalTaskListener implements TaskListener {

    private final ReviewService reviews;

    ApprovalTaskListener(ReviewService reviews) {
        this.reviews = reviews;
    }

    @Override
    public void notify(DelegateTask task) {
        long discrepancyId = ReviewTaskListener.discrepancyId(task);
        String decidedBy = (String) task.getVariable(ReviewVariables.REVIEWED_BY);
        switch (task.getEventName()) {
            // A fresh approval: an earlier round's answer must not be pre-filled.
            case EVENTNAME_CREATE -> {
                task.removeVariable(ReviewVariables.APPROVAL);
                task.removeVariable(ReviewVariables.APPROVED);
                task.removeVariable(ReviewVariables.REJECTION_REASON);
            }
            case EVENTNAME_ASSIGNMENT -> refuse(discrepancyId, () -> reviews.checkApprover(decidedBy, task.getAssignee()));
            case EVENTNAME_COMPLETE -> {
                String approver = TaskActor.of(task);
                Object answer = task.getVariable(ReviewVariables.APPROVAL);
                Object reason = task.getVariable(ReviewVariables.REJECTION_REASON);
                boolean[] approved = new boolean[1];
                refuse(discrepancyId, () -> {
                    reviews.checkApprover(decidedBy, approver);
                    approved[0] = reviews.checkApproval(answer, reason);
                });
                task.setVariable(ReviewVariables.APPROVED, approved[0]);
                task.setVariable(ReviewVariables.APPROVED_BY, approved[0] ? approver : null);
                reviews.approvalGiven(discrepancyId, approver, approved[0], reason);
            }
            default -> {
            }
        }
    }

    private static void refuse(long discrepancyId, Runnable check) {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            throw new ProcessEngineException("The decision on discrepancy #" + discrepancyId
                    + " cannot be approved: " + e.getMessage());
        }
    }
}
