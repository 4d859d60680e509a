package com.reconflow.stock.intake;

import com.reconflow.support.MariaDbAppTest;

class StockMovementsImportOnMariaDbTest extends MariaDbAppTest implements StockMovementsImport {
}
