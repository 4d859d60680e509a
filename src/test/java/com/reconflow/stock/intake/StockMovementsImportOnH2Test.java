package com.reconflow.stock.intake;

import com.reconflow.support.H2AppTest;

class StockMovementsImportOnH2Test extends H2AppTest implements StockMovementsImport {
}
