package com.reconflow.stock.orders;

import java.time.Clock;

import com.reconflow.stock.StockLocations;
import com.reconflow.support.H2AppTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class StockOrdersOnH2Test extends H2AppTest implements StockOrdersApi {

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    OrderStockPosting posting;

    @Autowired
    ApplicationContext context;

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

    @Override
    public OrderStockPosting posting(OrderStockProperties settings) {
        return new OrderStockPosting(context.getBean(OrderPostings.class), context.getBean(OrderMovements.class),
                context.getBean(Interceptions.class), context.getBean(StockLocations.class), settings,
                context.getBean(RuntimeService.class), context.getBean(IdentityService.class),
                context.getBean(Clock.class), events);
    }
}
