package com.reconflow.cost;

import com.reconflow.support.H2AppTest;

class CostListImportOnH2Test extends H2AppTest implements CostListImport {
}
