package com.reconflow.stock;

import com.reconflow.support.MariaDbAppTest;

class StockLedgerOnMariaDbTest extends MariaDbAppTest implements StockLedgerApi {
}
