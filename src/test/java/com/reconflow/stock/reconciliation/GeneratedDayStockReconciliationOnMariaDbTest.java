package com.reconflow.stock.reconciliation;

import com.reconflow.stock.StockLedger;
import com.reconflow.stock.StockLocations;
import com.reconflow.support.MariaDbAppTest;
import org.springframework.beans.factory.annotation.Autowired;

class GeneratedDayStockReconciliationOnMariaDbTest extends MariaDbAppTest implements GeneratedDayStockReconciliationApi {

    @Autowired
    private StockLedger ledger;

    @Autowired
    private StockLocations locations;

    @Override
    public StockLedger ledger() {
        return ledger;
    }

    @Override
    public StockLocations locations() {
        return locations;
    }
}
