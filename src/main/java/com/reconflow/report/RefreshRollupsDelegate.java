package com.reconflow.report;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The step of {@code report-refresh}: rebuilds the rollups of the dates the run's matching may have changed. */
@Component
class RefreshRollupsDelegate implements JavaDelegate {

    private final RollupRefresher refresher;

    RefreshRollupsDelegate(RollupRefresher refresher) {
        this.refresher = refresher;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long runId = ((Number) execution.getVariable(ReportRefresh.RUN_ID)).longValue();
        refresher.refresh(refresher.datesAfterRun(runId));
    }
}
