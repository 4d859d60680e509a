package com.reconflow.stock.replenishment;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Prices the order purchasing asked for (quantity × today's unit cost) for the approval decision. */
@Component
class AssessPurchaseValueDelegate implements JavaDelegate {

    private final Replenishments replenishments;

    AssessPurchaseValueDelegate(Replenishments replenishments) {
        this.replenishments = replenishments;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long quantity = ((Number) execution.getVariable(ReplenishmentVariables.QUANTITY)).longValue();
        execution.setVariables(replenishments.assessValue(ReplenishmentTasks.caseId(execution), quantity));
    }
}
