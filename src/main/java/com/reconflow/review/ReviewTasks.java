package com.reconflow.review;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.task.Task;

/** The review's open "Review discrepancy" task, as the timers on it find it. */
final class ReviewTasks {

    static final String REVIEW_TASK = "reviewDiscrepancy";

    private ReviewTasks() {
    }

    static Task openReviewTask(DelegateExecution execution) {
        return execution.getProcessEngineServices().getTaskService().createTaskQuery()
                .processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey(REVIEW_TASK)
                .singleResult();
    }
}
