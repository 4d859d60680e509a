package com.reconflow.stock.replenishment;

import java.math.BigDecimal;

import org.camunda.bpm.engine.delegate.VariableScope;

/** The answers of the two user tasks, checked before the task may complete. Plain Java. */
final class ReplenishmentTasks {

    static final int SUPPLIER_WIDTH = 100;
    static final long MAX_QUANTITY = 1_000_000_000L;

    /** Purchasing's answer, normalised. */
    record Order(String decision, long quantity, String supplier, String comment) {
    }

    private ReplenishmentTasks() {
    }

    static long caseId(VariableScope scope) {
        return ((Number) scope.getVariable(ReplenishmentVariables.REPLENISHMENT_ID)).longValue();
    }

    /** @throws IllegalArgumentException naming the field that cannot be used */
    static Order checkOrder(Object decision, Object quantity, Object supplier, Object comment) {
        String theComment = text(comment);
        if (ReplenishmentVariables.DISMISS.equals(decision)) {
            if (theComment == null) {
                throw new IllegalArgumentException("comment: say why no order is needed");
            }
            return new Order(ReplenishmentVariables.DISMISS, 0, null, theComment);
        }
        if (!ReplenishmentVariables.ORDER.equals(decision)) {
            throw new IllegalArgumentException("decision: ORDER or DISMISS, not '" + decision + "'");
        }
        long theQuantity = wholeNumber(quantity);
        if (theQuantity < 1 || theQuantity > MAX_QUANTITY) {
            throw new IllegalArgumentException("quantity: a whole number from 1 to " + MAX_QUANTITY);
        }
        String theSupplier = text(supplier);
        if (theSupplier == null) {
            throw new IllegalArgumentException("supplier: required to order");
        }
        if (theSupplier.length() > SUPPLIER_WIDTH) {
            throw new IllegalArgumentException("supplier: at most " + SUPPLIER_WIDTH + " characters");
        }
        return new Order(ReplenishmentVariables.ORDER, theQuantity, theSupplier, theComment);
    }

    /** @return true when approved; a rejection needs its reason */
    static boolean checkApproval(Object approval, Object rejectionReason) {
        if (ReplenishmentVariables.APPROVE.equals(approval)) {
            return true;
        }
        if (!ReplenishmentVariables.REJECT.equals(approval)) {
            throw new IllegalArgumentException("approval: APPROVE or REJECT, not '" + approval + "'");
        }
        if (text(rejectionReason) == null) {
            throw new IllegalArgumentException("rejectionReason: a rejection needs the reason");
        }
        return false;
    }

    private static long wholeNumber(Object value) {
        try {
            if (value instanceof Number n) {
                return new BigDecimal(n.toString()).longValueExact();
            }
            if (value instanceof String s && !s.isBlank()) {
                return new BigDecimal(s.strip()).longValueExact();
            }
        } catch (ArithmeticException | NumberFormatException notWhole) {
            // answered below
        }
        throw new IllegalArgumentException("quantity: a whole number, not '" + value + "'");
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s.strip() : null;
    }
}
