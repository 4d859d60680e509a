package com.reconflow.report;

import com.reconflow.support.H2AppTest;

class ReportSummaryOnH2Test extends H2AppTest implements ReportSummaryApi {
}
