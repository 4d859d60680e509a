package com.reconflow.run;

/** Variable names of the daily-reconciliation process, in one place. */
public final class RunVariables {

    public static final String PROCESS_KEY = "daily-reconciliation";
    public static final String RECORDS_IMPORTED_MESSAGE = "recordsImported";

    public static final String RUN_ID = "runId";
    public static final String BUSINESS_DATE = "businessDate";
    public static final String READY_TO_MATCH = "readyToMatch";
    public static final String MISSING_SOURCES = "missingSources";
    public static final String RECHECK_INTERVAL = "recheckInterval";
    public static final String DISCREPANCY_COUNT = "discrepancyCount";
    public static final String MORE_CASES_TO_OPEN = "moreCasesToOpen";
    public static final String CASES_STILL_OPEN = "casesStillOpen";

    private RunVariables() {
    }
}
