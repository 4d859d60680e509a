package com.reconflow.stock;

import com.reconflow.support.H2AppTest;

class StockLedgerOnH2Test extends H2AppTest implements StockLedgerApi {
}
