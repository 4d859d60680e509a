package com.reconflow.report;

import com.reconflow.support.MariaDbAppTest;

class ReportSummaryOnMariaDbTest extends MariaDbAppTest implements ReportSummaryApi {
}
