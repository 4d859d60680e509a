package com.reconflow.review;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The review's SLA passed (its boundary timer fired): the open review task goes to the finance
 * managers at the top priority, taken back from whoever held it.
 */
@Component
class EscalateReviewDelegate implements JavaDelegate {

    private final ReviewService reviews;

    EscalateReviewDelegate(ReviewService reviews) {
        this.reviews = reviews;
    }

    @Override
    public void execute(DelegateExecution execution) {
        TaskService tasks = execution.getProcessEngineServices().getTaskService();
        Task task = ReviewTasks.openReviewTask(execution);
        if (task == null) {
            return;
        }
        String from = task.getAssignee() != null ? task.getAssignee()
                : (String) execution.getVariable(ReviewVariables.CANDIDATE_GROUP);
        for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
                tasks.deleteCandidateGroup(task.getId(), link.getGroupId());
            }
        }
        tasks.addCandidateGroup(task.getId(), ReviewService.ESCALATION_GROUP);
        tasks.setAssignee(task.getId(), null);
        tasks.setPriority(task.getId(), ReviewService.ESCALATED_PRIORITY);
        execution.setVariable(ReviewVariables.CANDIDATE_GROUP, ReviewService.ESCALATION_GROUP);
        execution.setVariable(ReviewVariables.PRIORITY, ReviewService.ESCALATED_PRIORITY);
        execution.setVariable(ReviewVariables.ESCALATED, true);
        reviews.escalate(((Number) execution.getVariable(ReviewVariables.DISCREPANCY_ID)).longValue(), from);
    }
}
