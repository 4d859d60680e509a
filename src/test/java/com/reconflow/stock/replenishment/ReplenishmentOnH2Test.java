package com.reconflow.stock.replenishment;

import com.reconflow.support.H2AppTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

class ReplenishmentOnH2Test extends H2AppTest implements ReplenishmentScenarios {

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
