package com.reconflow.search;

import com.reconflow.support.MariaDbAppTest;

class RecordSearchOnMariaDbTest extends MariaDbAppTest implements RecordSearchScenario {
}
