package com.reconflow.review;

/** Variable names of the discrepancy-review process and its forms, in one place. */
public final class ReviewVariables {

    public static final String PROCESS_KEY = "discrepancy-review";
    public static final String DISCREPANCY_ID = "discrepancyId";

    // What the review form shows.
    public static final String TYPE = "discrepancyType";
    public static final String SOURCE = "source";
    public static final String COUNTER_SOURCE = "counterSource";
    public static final String ORDER_NO = "orderNo";
    public static final String TXN_ID = "txnId";
    public static final String EXPECTED = "expected";
    public static final String ACTUAL = "actual";
    public static final String DIFFERENCE = "difference";
    public static final String RULE = "rule";
    public static final String ORIGIN = "origin";
    public static final String COUNTER_ORIGIN = "counterOrigin";
    public static final String TITLE = "reviewTitle";
    public static final String APPROVAL_TITLE = "approvalTitle";

    // What the routing table decided (processes/discrepancy-routing.dmn).
    public static final String CANDIDATE_GROUP = "candidateGroup";
    public static final String PRIORITY = "priority";
    public static final String SLA = "sla";
    public static final String REMINDER_AFTER = "reminderAfter";
    public static final String REVIEW_DUE = "reviewDue";
    public static final String SECOND_APPROVAL = "secondApproval";
    public static final String ESCALATED = "escalated";

    // What the reviewer decided.
    public static final String DECISION = "decision";
    public static final String COMMENT = "comment";
    public static final String REASSIGN_TO = "reassignTo";
    public static final String ADJUSTMENT_AMOUNT = "adjustmentAmount";
    public static final String REVIEWED_BY = "reviewedBy";

    // What the approver decided.
    public static final String APPROVAL = "approval";
    public static final String REJECTION_REASON = "rejectionReason";
    public static final String APPROVED = "approved";
    public static final String APPROVED_BY = "approvedBy";

    private ReviewVariables() {
    }
}
