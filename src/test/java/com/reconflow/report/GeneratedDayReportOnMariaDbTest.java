package com.reconflow.report;

import com.reconflow.support.MariaDbAppTest;

class GeneratedDayReportOnMariaDbTest extends MariaDbAppTest implements GeneratedDayReportApi {
}
