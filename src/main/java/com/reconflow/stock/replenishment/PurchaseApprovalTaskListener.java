package com.reconflow.stock.replenishment;

import com.reconflow.config.TaskActor;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The finance manager's approval: four eyes (who asked for the order cannot approve it), a rejection needs its
 * reason, which purchasing reads in the task it gets back.
 */
@Component
class PurchaseApprovalTaskListener implements TaskListener {

    private final Replenishments replenishments;

    PurchaseApprovalTaskListener(Replenishments replenishments) {
        this.replenishments = replenishments;
    }

    @Override
    public void notify(DelegateTask task) {
        if (!EVENTNAME_COMPLETE.equals(task.getEventName())) {
            return;
        }
        long id = ReplenishmentTasks.caseId(task);
        String user = TaskActor.of(task);
        if (user.equals(task.getVariable(ReplenishmentVariables.REQUESTED_BY))) {
            throw new ProcessEngineException("Replenishment #" + id + ": " + user
                    + " asked for this order and may not approve it too");
        }
        boolean approved;
        try {
            approved = ReplenishmentTasks.checkApproval(task.getVariable(ReplenishmentVariables.APPROVAL),
                    task.getVariable(ReplenishmentVariables.REJECTION_REASON));
        } catch (IllegalArgumentException e) {
            throw new ProcessEngineException("Replenishment #" + id + " cannot go on: " + e.getMessage());
        }
        task.setVariable(ReplenishmentVariables.APPROVED, approved);
        if (approved) {
            task.setVariable(ReplenishmentVariables.APPROVED_BY, user);
            replenishments.approved(id, user);
        }
    }
}
