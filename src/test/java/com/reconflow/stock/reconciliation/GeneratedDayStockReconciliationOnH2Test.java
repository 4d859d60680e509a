package com.reconflow.stock.reconciliation;

import com.reconflow.stock.StockLedger;
import com.reconflow.support.H2AppTest;
import org.camunda.bpm.engine.ManagementService;
import org.springframework.beans.factory.annotation.Autowired;

class GeneratedDayStockReconciliationOnH2Test extends H2AppTest implements GeneratedDayStockReconciliationApi {

    @Autowired
    private StockLedger ledger;

    @Autowired
    private ManagementService managementService;

    @Override
    public StockLedger ledger() {
        return ledger;
    }

    @Override
    public ManagementService managementService() {
        return managementService;
    }
}
