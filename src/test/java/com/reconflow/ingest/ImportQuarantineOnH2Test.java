package com.reconflow.ingest;

import com.reconflow.support.H2AppTest;

class ImportQuarantineOnH2Test extends H2AppTest implements ImportQuarantine {
}
