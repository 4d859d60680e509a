package com.reconflow.stock.orders;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** One chunk of an import's order lines into the stock ledger; {@code moreOrders} says whether to go on. */
@Component("postOrderStockDelegate")
class PostOrderStockDelegate implements JavaDelegate {

    static final String MORE_ORDERS = "moreOrders";

    private final OrderStockPosting posting;

    PostOrderStockDelegate(OrderStockPosting posting) {
        this.posting = posting;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long importId = ((Number) execution.getVariable(OrderStockPostingStart.IMPORT_ID)).longValue();
        execution.setVariable(MORE_ORDERS, posting.postNextChunk(importId));
    }
}
