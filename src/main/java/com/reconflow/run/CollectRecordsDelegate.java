package com.reconflow.run;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Fetch stage: checks which of the run's sources have delivered the day's files; past the deadline
 * with some still missing, leaves operations what they need to decide.
 */
@Component
class CollectRecordsDelegate implements JavaDelegate {

    private final RunService runs;

    CollectRecordsDelegate(RunService runs) {
        this.runs = runs;
    }

    @Override
    public void execute(DelegateExecution execution) {
        RunService.Collection collection = runs.collect(runId(execution));
        execution.setVariable(RunVariables.READY_TO_MATCH, collection.complete());
        execution.setVariable(RunVariables.COLLECTION_OVERDUE, collection.overdue());
        execution.setVariable(RunVariables.MISSING_SOURCES, String.join(", ", collection.missingSources()));
        if (collection.overdue()) {
            execution.setVariable(RunVariables.ARRIVED_SOURCES, collection.arrivals());
            execution.setVariable(RunVariables.COLLECT_UNTIL, runs.businessTime(collection.deadline()));
        }
    }

    static long runId(DelegateExecution execution) {
        return ((Number) execution.getVariable(RunVariables.RUN_ID)).longValue();
    }
}
