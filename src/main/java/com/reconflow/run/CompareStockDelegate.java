package com.reconflow.run;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The day's stock comparison once the stock ledger has posted the day's orders after the run matched: its
 * stock mismatches join the run's reviews.
 */
@Component
class CompareStockDelegate implements JavaDelegate {

    private final RunService runs;

    CompareStockDelegate(RunService runs) {
        this.runs = runs;
    }

    @Override
    public void execute(DelegateExecution execution) {
        runs.reconcileStock(CollectRecordsDelegate.runId(execution));
    }
}
