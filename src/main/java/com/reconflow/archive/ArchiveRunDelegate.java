package com.reconflow.archive;

import com.reconflow.run.RunChanged;
import com.reconflow.run.RunVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Archive stage of the daily reconciliation. */
@Component
class ArchiveRunDelegate implements JavaDelegate {

    private final ArchiveService archives;
    private final ApplicationEventPublisher publisher;

    ArchiveRunDelegate(ArchiveService archives, ApplicationEventPublisher publisher) {
        this.archives = archives;
        this.publisher = publisher;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long runId = ((Number) execution.getVariable(RunVariables.RUN_ID)).longValue();
        archives.archive(runId);
        // The archived day's figures as they stand at its close, whatever changed since its last matching.
        publisher.publishEvent(new RunChanged(runId, execution.getProcessBusinessKey()));
    }
}
