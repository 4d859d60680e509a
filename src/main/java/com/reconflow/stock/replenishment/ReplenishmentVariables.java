package com.reconflow.stock.replenishment;

/** The replenishment process's key and its variables' names, in one place (the forms and the DMN use them too). */
public final class ReplenishmentVariables {

    public static final String PROCESS_KEY = "replenishment";

    static final String REPLENISHMENT_ID = "replenishmentId";
    static final String SKU = "sku";
    static final String LOCATION = "location";
    static final String ON_HAND = "onHand";
    static final String AVAILABLE = "available";
    static final String THRESHOLD = "threshold";
    static final String VELOCITY = "velocity";
    static final String VELOCITY_DAYS = "velocityDays";
    static final String LEAD_TIME_DAYS = "leadTimeDays";
    static final String COVER_DAYS = "coverDays";
    static final String SUGGESTED_QUANTITY = "suggestedQuantity";
    static final String TASK_TITLE = "taskTitle";
    /** Purchasing's answer: ORDER (quantity, supplier) or DISMISS (comment says why). */
    static final String DECISION = "decision";
    static final String QUANTITY = "quantity";
    static final String SUPPLIER = "supplier";
    static final String COMMENT = "comment";
    static final String REQUESTED_BY = "requestedBy";
    static final String UNIT_COST = "unitCost";
    static final String PURCHASE_VALUE = "purchaseValue";
    static final String COST_KNOWN = "costKnown";
    /** The value as the decision table reads it (0 when the cost is unknown; costKnown decides then). */
    static final String VALUE_FOR_DECISION = "valueForDecision";
    static final String APPROVAL_REQUIRED = "approvalRequired";
    /** The finance manager's answer: APPROVE or REJECT (rejectionReason says why). */
    static final String APPROVAL = "approval";
    static final String APPROVED = "approved";
    static final String REJECTION_REASON = "rejectionReason";
    static final String APPROVED_BY = "approvedBy";
    static final String PURCHASE_REQUEST_ID = "purchaseRequestId";

    static final String ORDER = "ORDER";
    static final String DISMISS = "DISMISS";
    static final String APPROVE = "APPROVE";
    static final String REJECT = "REJECT";

    private ReplenishmentVariables() {
    }

    static String businessKey(String sku, String location) {
        return sku + "@" + location;
    }
}
