package com.reconflow.run;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Match stage: pairs the day's records and hands the discrepancies and proposed pairs to review, until the
 * review cut-off. */
@Component
class MatchDayDelegate implements JavaDelegate {

    private final RunService runs;

    MatchDayDelegate(RunService runs) {
        this.runs = runs;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long runId = CollectRecordsDelegate.runId(execution);
        // The ids stay in the database; the run opens their review cases from there, a batch at a time.
        runs.match(runId);
        execution.setVariable(RunVariables.DISCREPANCY_COUNT, runs.casesToReview(runId));
        Run run = runs.find(runId).orElseThrow();
        execution.setVariable(RunVariables.REVIEW_CUT_OFF, Date.from(run.cutOffAt()));
    }
}
