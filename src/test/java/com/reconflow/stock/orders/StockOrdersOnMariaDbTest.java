package com.reconflow.stock.orders;

import com.reconflow.support.MariaDbAppTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class StockOrdersOnMariaDbTest extends MariaDbAppTest implements StockOrdersApi {

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    OrderStockPosting posting;

    @Override
    public ApplicationEventPublisher events() {
        return events;
    }

    @Override
    public TransactionTemplate transaction() {
        return new TransactionTemplate(transactionManager);
    }

    @Override
    public OrderStockPosting posting() {
        return posting;
    }
}
