package com.reconflow.report;

import com.reconflow.support.H2AppTest;

class GeneratedDayReportOnH2Test extends H2AppTest implements GeneratedDayReportApi {
}
