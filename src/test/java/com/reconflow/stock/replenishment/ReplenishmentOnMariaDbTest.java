package com.reconflow.stock.replenishment;

import com.reconflow.support.MariaDbAppTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

class ReplenishmentOnMariaDbTest extends MariaDbAppTest implements ReplenishmentScenarios {

    @Autowired
    ProcessEngine engine;
    @Autowired
    Replenishments replenishments;
    @Autowired
    TransactionTemplate transactions;

    @Override
    public ProcessEngine engine() {
        return engine;
    }

    @Override
    public Replenishments replenishments() {
        return replenishments;
    }

    @Override
    public TransactionTemplate transactions() {
        return transactions;
    }
}
