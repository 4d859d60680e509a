package com.reconflow.stock.replenishment;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * However the process ends (ordered, dismissed, or deleted in Cockpit), its case closes and frees the SKU and
 * location for the next one, in the same transaction as the end.
 */
@Component
class ReplenishmentClosedListener implements ExecutionListener {

    private final Replenishments replenishments;

    ReplenishmentClosedListener(Replenishments replenishments) {
        this.replenishments = replenishments;
    }

    @Override
    public void notify(DelegateExecution execution) {
        boolean dismissed = ReplenishmentVariables.DISMISS.equals(execution.getVariable(ReplenishmentVariables.DECISION));
        replenishments.closed(ReplenishmentTasks.caseId(execution), dismissed);
    }
}
