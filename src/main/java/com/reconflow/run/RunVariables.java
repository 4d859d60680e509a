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

    // The proposal-review process and its form.
    public static final String PROPOSAL_PROCESS_KEY = "proposal-review";
    public static final String PROPOSAL_ID = "proposalId";
    public static final String PROPOSAL_TITLE = "proposalTitle";
    public static final String PROPOSAL_DECISION = "proposalDecision";
    public static final String PROPOSAL_COMMENT = "comment";
    public static final String PROPOSAL_DECIDED_BY = "decidedBy";

    private RunVariables() {
    }
}
