package com.reconflow.review;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Applies the (approved) decision: closes the discrepancy and writes its posting, once. */
@Component
class ApplyDecisionDelegate implements JavaDelegate {

    private final ReviewService reviews;

    ApplyDecisionDelegate(ReviewService reviews) {
        this.reviews = reviews;
    }

    @Override
    public void execute(DelegateExecution execution) {
        reviews.apply(((Number) execution.getVariable(ReviewVariables.DISCREPANCY_ID)).longValue(),
                execution.getVariable(ReviewVariables.DECISION),
                execution.getVariable(ReviewVariables.COMMENT),
                execution.getVariable(ReviewVariables.ADJUSTMENT_AMOUNT),
                (String) execution.getVariable(ReviewVariables.REVIEWED_BY),
                (String) execution.getVariable(ReviewVariables.APPROVED_BY));
    }
}
