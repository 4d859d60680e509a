package com.reconflow.run;

import com.reconflow.support.H2AppTest;

class StockPostedAfterMatchingOnH2Test extends H2AppTest implements StockPostedAfterMatching {
}
