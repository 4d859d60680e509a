package com.reconflow.review;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Record the decision" of the first version of discrepancy-review, for cases opened before the
 * approval step existed: they finish on their own version and apply their decision the same way.
 */
@Component
class RecordDecisionDelegate implements JavaDelegate {

    private final ApplyDecisionDelegate apply;

    RecordDecisionDelegate(ApplyDecisionDelegate apply) {
        this.apply = apply;
    }

    @Override
    public void execute(DelegateExecution execution) {
        apply.execute(execution);
    }
}
