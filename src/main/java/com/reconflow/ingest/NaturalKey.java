package com.reconflow.ingest;

/**
 * What makes a record the same record when it comes again in another file of its source (an
 * overlapping re-download, a corrected file): a refund by its refund number, a payment or bank
 * credit by its transaction id, an order line by its order number and SKU.
 */
final class NaturalKey {

    static final int MAX_LENGTH = 200;

    private NaturalKey() {
    }

    static String of(CanonicalRecord r) {
        String id = switch (r.kind()) {
            case REFUND -> first(r.refundNo(), r.txnId() + "/" + r.amount().toPlainString());
            case PAYMENT, FEE, PAYOUT -> first(r.txnId(), r.orderNo());
            case ORDER -> r.orderNo() + (r.attributes().containsKey("SKU") ? "/" + r.attributes().get("SKU") : "");
        };
        return r.kind().name() + ":" + id;
    }

    private static String first(String preferred, String fallback) {
        return preferred != null && !preferred.isBlank() ? preferred : fallback;
    }
}
