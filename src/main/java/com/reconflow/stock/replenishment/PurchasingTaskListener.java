package com.reconflow.stock.replenishment;

import com.reconflow.config.TaskActor;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Purchasing's task: an incomplete answer is refused (the task stays open and says why); an order is noted on
 * the case with who asked for it. A new round clears the last approval's answer and reason.
 */
@Component
class PurchasingTaskListener implements TaskListener {

    private final Replenishments replenishments;

    PurchasingTaskListener(Replenishments replenishments) {
        this.replenishments = replenishments;
    }

    @Override
    public void notify(DelegateTask task) {
        if (!EVENTNAME_COMPLETE.equals(task.getEventName())) {
            return;
        }
        long id = ReplenishmentTasks.caseId(task);
        ReplenishmentTasks.Order order;
        try {
            order = ReplenishmentTasks.checkOrder(task.getVariable(ReplenishmentVariables.DECISION),
                    task.getVariable(ReplenishmentVariables.QUANTITY), task.getVariable(ReplenishmentVariables.SUPPLIER),
                    task.getVariable(ReplenishmentVariables.COMMENT));
        } catch (IllegalArgumentException e) {
            throw new ProcessEngineException("Replenishment #" + id + " cannot go on: " + e.getMessage());
        }
        String user = TaskActor.of(task);
        task.setVariable(ReplenishmentVariables.REQUESTED_BY, user);
        // The last round's approval answer and reason were read; the next approver starts blank (history keeps them).
        task.removeVariable(ReplenishmentVariables.APPROVAL);
        task.removeVariable(ReplenishmentVariables.APPROVED_BY);
        task.removeVariable(ReplenishmentVariables.REJECTION_REASON);
        if (ReplenishmentVariables.ORDER.equals(order.decision())) {
            task.setVariable(ReplenishmentVariables.QUANTITY, order.quantity());
            task.setVariable(ReplenishmentVariables.SUPPLIER, order.supplier());
            replenishments.requested(id, order.quantity(), order.supplier(), user);
        }
    }
}
