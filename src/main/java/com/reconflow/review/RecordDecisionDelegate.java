package com.reconflow.review;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Writes the reviewer's decision onto the discrepancy, closing it. */
@Component
class RecordDecisionDelegate implements JavaDelegate {

    private final ReviewService reviews;

    RecordDecisionDelegate(ReviewService reviews) {
        this.reviews = reviews;
    }

    @Override
    public void execute(DelegateExecution execution) {
        reviews.recordDecision(((Number) execution.getVariable(ReviewVariables.DISCREPANCY_ID)).longValue(),
                execution.getVariable(ReviewVariables.DECISION),
                execution.getVariable(ReviewVariables.COMMENT),
                (String) execution.getVariable(ReviewVariables.REVIEWED_BY));
    }
}
