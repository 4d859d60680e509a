package com.reconflow.run;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Match stage: pairs the day's records and hands the discrepancies and proposed pairs to review. */
@Component
class MatchDayDelegate implements JavaDelegate {

    private final RunService runs;

    MatchDayDelegate(RunService runs) {
        this.runs = runs;
    }

    @Override
    public void execute(DelegateExecution execution) {
        // The ids stay in the database; the run opens their review cases from there, a batch at a time.
        long runId = CollectRecordsDelegate.runId(execution);
        runs.match(runId);
        execution.setVariable(RunVariables.DISCREPANCY_COUNT, runs.casesToReview(runId));
    }
}
