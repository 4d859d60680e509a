package com.reconflow.review;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Puts the discrepancy's facts into the review so the form and Tasklist can show them. */
@Component
class LoadDiscrepancyDelegate implements JavaDelegate {

    private final ReviewService reviews;

    LoadDiscrepancyDelegate(ReviewService reviews) {
        this.reviews = reviews;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long id = ((Number) execution.getVariable(ReviewVariables.DISCREPANCY_ID)).longValue();
        execution.setVariables(reviews.formVariables(id));
    }
}
