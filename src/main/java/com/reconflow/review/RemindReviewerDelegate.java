package com.reconflow.review;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Most of the review's SLA has passed: the task gets a reminder comment (Tasklist shows it in the
 * task's history) and comes up its list, before the escalation takes it away.
 */
@Component
class RemindReviewerDelegate implements JavaDelegate {

    /** How far a reminder lifts the task's priority. */
    private static final int REMINDER_BOOST = 10;

    private final ReviewService reviews;

    RemindReviewerDelegate(ReviewService reviews) {
        this.reviews = reviews;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Task task = ReviewTasks.openReviewTask(execution);
        if (task == null) {
            return;
        }
        var tasks = execution.getProcessEngineServices().getTaskService();
        tasks.createComment(task.getId(), execution.getProcessInstanceId(),
                "Reminder: this review is due " + execution.getVariable(ReviewVariables.REVIEW_DUE)
                        + "; after that it escalates to " + ReviewService.ESCALATION_GROUP + ".");
        tasks.setPriority(task.getId(), Math.min(ReviewService.ESCALATED_PRIORITY - 1, task.getPriority() + REMINDER_BOOST));
        reviews.remind(((Number) execution.getVariable(ReviewVariables.DISCREPANCY_ID)).longValue(),
                task.getAssignee(), (String) execution.getVariable(ReviewVariables.CANDIDATE_GROUP));
    }
}
