package com.reconflow.review;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Routes the discrepancy (discrepancy-routing.dmn) and puts its facts into the review, so that the
 * task lands in the right group's list and the form shows everything needed to decide.
 */
@Component
class LoadDiscrepancyDelegate implements JavaDelegate {

    private final ReviewService reviews;

    LoadDiscrepancyDelegate(ReviewService reviews) {
        this.reviews = reviews;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long id = ((Number) execution.getVariable(ReviewVariables.DISCREPANCY_ID)).longValue();
        execution.setVariables(reviews.open(id));
    }
}
