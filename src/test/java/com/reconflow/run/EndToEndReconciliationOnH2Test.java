package com.reconflow.run;

import com.reconflow.support.H2AppTest;

class EndToEndReconciliationOnH2Test extends H2AppTest implements EndToEndReconciliation {
}
