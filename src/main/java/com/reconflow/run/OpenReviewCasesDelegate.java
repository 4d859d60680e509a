package com.reconflow.run;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Opens the next batch of review cases; the process loops back here, a job per batch, while more
 * wait, so thousands of cases are many short transactions that any node can run.
 */
@Component
class OpenReviewCasesDelegate implements JavaDelegate {

    private final RunService runs;

    OpenReviewCasesDelegate(RunService runs) {
        this.runs = runs;
    }

    @Override
    public void execute(DelegateExecution execution) {
        RunService.OpenedCases cases = runs.openReviewCases(CollectRecordsDelegate.runId(execution));
        execution.setVariable(RunVariables.MORE_CASES_TO_OPEN, cases.more());
        execution.setVariable(RunVariables.CASES_STILL_OPEN, cases.stillOpen());
    }
}
