package com.reconflow.report;

import java.time.LocalDate;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The step of {@code report-refresh}: rebuilds the rollups of the dates the run's matching may have changed,
 * or of the one date it names.
 */
@Component
class RefreshRollupsDelegate implements JavaDelegate {

    private final RollupRefresher refresher;

    RefreshRollupsDelegate(RollupRefresher refresher) {
        this.refresher = refresher;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object date = execution.getVariable(ReportRefresh.BUSINESS_DATE);
        if (date != null) {
            refresher.refresh(List.of(LocalDate.parse((String) date)));
            return;
        }
        long runId = ((Number) execution.getVariable(ReportRefresh.RUN_ID)).longValue();
        refresher.refresh(refresher.datesAfterRun(runId));
    }
}
