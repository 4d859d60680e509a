package com.reconflow.run;

/** Variable names of the daily-reconciliation process and its forms, in one place. */
public final class RunVariables {

    public static final String PROCESS_KEY = "daily-reconciliation";
    /** Starts the run of the previous business day every morning. */
    public static final String SCHEDULE_PROCESS_KEY = "daily-reconciliation-schedule";
    public static final String RECORDS_IMPORTED_MESSAGE = "recordsImported";
    /** Ends operations' missing-data task once every source of the run has delivered. */
    public static final String CHANNEL_DATA_COMPLETE_MESSAGE = "channelDataComplete";

    public static final String RUN_ID = "runId";
    public static final String BUSINESS_DATE = "businessDate";
    /** The sources a run started from Tasklist waits for, comma-separated; empty for the configured ones. */
    public static final String SOURCES = "sources";
    /** Who started the instance from Tasklist (the start event's initiator). */
    public static final String STARTED_BY = "startedBy";
    public static final String RUN_REGISTERED = "runRegistered";
    public static final String EXISTING_RUN_ID = "existingRunId";
    public static final String READY_TO_MATCH = "readyToMatch";
    public static final String COLLECTION_OVERDUE = "collectionOverdue";
    public static final String MISSING_SOURCES = "missingSources";
    public static final String ARRIVED_SOURCES = "arrivedSources";
    public static final String COLLECT_UNTIL = "collectUntil";
    public static final String RECHECK_INTERVAL = "recheckInterval";
    public static final String DISCREPANCY_COUNT = "discrepancyCount";
    public static final String MORE_CASES_TO_OPEN = "moreCasesToOpen";
    public static final String CASES_STILL_OPEN = "casesStillOpen";
    public static final String REVIEW_CUT_OFF = "reviewCutOff";

    // What operations decide in the missing-data form.
    public static final String MISSING_DATA_DECISION = "missingDataDecision";
    public static final String POSTPONE_UNTIL = "postponeUntil";
    public static final String POSTPONE_FOR = "postponeFor";
    public static final String MISSING_DATA_COMMENT = "missingDataComment";

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
