package com.reconflow.run;

import com.reconflow.support.MariaDbAppTest;

class StockPostedAfterMatchingOnMariaDbTest extends MariaDbAppTest implements StockPostedAfterMatching {
}
