package com.reconflow.run;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Fetch stage: checks which of the run's sources have delivered the day's files. */
@Component
class CollectRecordsDelegate implements JavaDelegate {

    private final RunService runs;

    CollectRecordsDelegate(RunService runs) {
        this.runs = runs;
    }

    @Override
    public void execute(DelegateExecution execution) {
        RunService.Collection collection = runs.collect(runId(execution));
        execution.setVariable(RunVariables.READY_TO_MATCH, collection.readyToMatch());
        execution.setVariable(RunVariables.MISSING_SOURCES, String.join(",", collection.missingSources()));
    }

    static long runId(DelegateExecution execution) {
        return ((Number) execution.getVariable(RunVariables.RUN_ID)).longValue();
    }
}
