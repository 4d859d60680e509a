package com.reconflow.search;

import com.reconflow.support.H2AppTest;

class RecordSearchOnH2Test extends H2AppTest implements RecordSearchScenario {
}
