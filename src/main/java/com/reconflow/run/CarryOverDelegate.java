package com.reconflow.run;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** At the review cut-off: the run's open discrepancies are carried into the next date's run. */
@Component
class CarryOverDelegate implements JavaDelegate {

    private final RunService runs;

    CarryOverDelegate(RunService runs) {
        this.runs = runs;
    }

    @Override
    public void execute(DelegateExecution execution) {
        runs.carryOpenDiscrepancies(CollectRecordsDelegate.runId(execution));
    }
}
