package com.reconflow.run;

import com.reconflow.stock.StockLedger;
import com.reconflow.support.H2AppTest;
import org.camunda.bpm.engine.ManagementService;
import org.springframework.beans.factory.annotation.Autowired;

class StockPostedAfterMatchingOnH2Test extends H2AppTest implements StockPostedAfterMatching {

    @Autowired
    private ManagementService managementService;

    @Autowired
    private StockLedger ledger;

    @Autowired
    private RunService runService;

    @Override
    public ManagementService managementService() {
        return managementService;
    }

    @Override
    public StockLedger ledger() {
        return ledger;
    }

    @Override
    public RunService runService() {
        return runService;
    }
}
