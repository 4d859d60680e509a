package com.reconflow.archive;

import com.reconflow.run.RunVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Archive stage of the daily reconciliation. */
@Component
class ArchiveRunDelegate implements JavaDelegate {

    private final ArchiveService archives;

    ArchiveRunDelegate(ArchiveService archives) {
        this.archives = archives;
    }

    @Override
    public void execute(DelegateExecution execution) {
        archives.archive(((Number) execution.getVariable(RunVariables.RUN_ID)).longValue());
    }
}
