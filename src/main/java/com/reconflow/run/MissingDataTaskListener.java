package com.reconflow.run;

import com.reconflow.config.TaskActor;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Operations' missing-data task: opens with an empty form (not the last round's answers), and on
 * completion the decision is checked and recorded on the run with who took it. An incomplete one is
 * refused, whatever client submits it, and the task stays open.
 */
@Component
class MissingDataTaskListener implements TaskListener {

    private static final List<String> ANSWERS = List.of(RunVariables.MISSING_DATA_DECISION,
            RunVariables.POSTPONE_UNTIL, RunVariables.POSTPONE_FOR, RunVariables.MISSING_DATA_COMMENT);

    private final RunService runs;

    MissingDataTaskListener(RunService runs) {
        this.runs = runs;
    }

    @Override
    public void notify(DelegateTask task) {
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> task.getExecution().removeVariables(ANSWERS);
            case EVENTNAME_COMPLETE -> {
                try {
                    runs.decideMissingData(CollectRecordsDelegate.runId(task.getExecution()),
                            task.getVariable(RunVariables.MISSING_DATA_DECISION),
                            task.getVariable(RunVariables.POSTPONE_UNTIL), task.getVariable(RunVariables.POSTPONE_FOR),
                            task.getVariable(RunVariables.MISSING_DATA_COMMENT), TaskActor.of(task));
                } catch (IllegalArgumentException e) {
                    throw new ProcessEngineException("The run of " + task.getVariable(RunVariables.BUSINESS_DATE)
                            + " cannot go on: " + e.getMessage());
                }
            }
            default -> {
            }
        }
    }
}
