package com.reconflow.stock.replenishment;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Puts the stock figures, the sales velocity and the suggested quantity into the case for purchasing. */
@Component
class PrepareReplenishmentDelegate implements JavaDelegate {

    private final Replenishments replenishments;

    PrepareReplenishmentDelegate(Replenishments replenishments) {
        this.replenishments = replenishments;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariables(replenishments.prepare(ReplenishmentTasks.caseId(execution)));
    }
}
