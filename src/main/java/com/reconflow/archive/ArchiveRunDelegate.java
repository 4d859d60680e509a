package com.reconflow.archive;

import com.reconflow.report.ReportRefresh;
import com.reconflow.run.RunVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Archive stage of the daily reconciliation. */
@Component
class ArchiveRunDelegate implements JavaDelegate {

    private final ArchiveService archives;
    private final ReportRefresh reportRefresh;

    ArchiveRunDelegate(ArchiveService archives, ReportRefresh reportRefresh) {
        this.archives = archives;
        this.reportRefresh = reportRefresh;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long runId = ((Number) execution.getVariable(RunVariables.RUN_ID)).longValue();
        archives.archive(runId);
        // The archived day's figures as they stand at its close, whatever changed since its last matching.
        reportRefresh.afterRun(runId, execution.getProcessBusinessKey());
    }
}
