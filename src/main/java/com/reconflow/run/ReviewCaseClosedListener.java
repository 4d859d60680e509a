package com.reconflow.run;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** At the end of a discrepancy-review case: the run may go on to the archive once its last case is closed. */
@Component
class ReviewCaseClosedListener implements ExecutionListener {

    private final RunService runs;

    ReviewCaseClosedListener(RunService runs) {
        this.runs = runs;
    }

    @Override
    public void notify(DelegateExecution execution) {
        runs.reviewCaseClosed(CollectRecordsDelegate.runId(execution));
    }
}
