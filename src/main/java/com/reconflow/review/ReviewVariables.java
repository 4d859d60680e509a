package com.reconflow.review;

/** Variable names of the discrepancy-review process and its form, in one place. */
public final class ReviewVariables {

    public static final String PROCESS_KEY = "discrepancy-review";
    public static final String DISCREPANCY_ID = "discrepancyId";
    public static final String TYPE = "discrepancyType";
    public static final String SOURCE = "source";
    public static final String COUNTER_SOURCE = "counterSource";
    public static final String ORDER_NO = "orderNo";
    public static final String TXN_ID = "txnId";
    public static final String EXPECTED = "expected";
    public static final String ACTUAL = "actual";
    public static final String DIFFERENCE = "difference";
    public static final String CANDIDATE_GROUP = "candidateGroup";
    public static final String DECISION = "decision";
    public static final String COMMENT = "comment";
    public static final String REVIEWED_BY = "reviewedBy";
    public static final String TITLE = "reviewTitle";

    private ReviewVariables() {
    }
}
