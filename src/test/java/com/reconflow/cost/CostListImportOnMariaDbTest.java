package com.reconflow.cost;

import com.reconflow.support.MariaDbAppTest;

class CostListImportOnMariaDbTest extends MariaDbAppTest implements CostListImport {
}
