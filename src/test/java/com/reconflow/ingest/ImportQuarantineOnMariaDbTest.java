package com.reconflow.ingest;

import com.reconflow.support.MariaDbAppTest;

class ImportQuarantineOnMariaDbTest extends MariaDbAppTest implements ImportQuarantine {
}
