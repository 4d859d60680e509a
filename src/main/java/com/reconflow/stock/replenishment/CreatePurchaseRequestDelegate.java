package com.reconflow.stock.replenishment;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Records the purchase request; idempotent, so a retried job makes no second one. */
@Component
class CreatePurchaseRequestDelegate implements JavaDelegate {

    private final Replenishments replenishments;

    CreatePurchaseRequestDelegate(Replenishments replenishments) {
        this.replenishments = replenishments;
    }

    @Override
    public void execute(DelegateExecution execution) {
        boolean approvalRequired = Boolean.TRUE.equals(execution.getVariable(ReplenishmentVariables.APPROVAL_REQUIRED));
        long id = replenishments.purchaseRequest(ReplenishmentTasks.caseId(execution), approvalRequired);
        execution.setVariable(ReplenishmentVariables.PURCHASE_REQUEST_ID, id);
    }
}
