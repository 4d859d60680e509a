package com.reconflow.stock.reconciliation;

import com.reconflow.stock.StockLedger;
import com.reconflow.support.MariaDbAppTest;
import org.springframework.beans.factory.annotation.Autowired;

class GeneratedDayStockReconciliationOnMariaDbTest extends MariaDbAppTest implements GeneratedDayStockReconciliationApi {

    @Autowired
    private StockLedger ledger;

    @Override
    public StockLedger ledger() {
        return ledger;
    }
}
