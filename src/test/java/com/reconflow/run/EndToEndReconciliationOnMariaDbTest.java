package com.reconflow.run;

import com.reconflow.support.MariaDbAppTest;

class EndToEndReconciliationOnMariaDbTest extends MariaDbAppTest implements EndToEndReconciliation {
}
