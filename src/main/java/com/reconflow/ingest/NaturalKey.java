package com.reconflow.ingest;

/**
 * What makes a record the same record when it comes again in another file of its source (an
 * overlapping re-download, a corrected file): a refund by its refund number, a payment or bank
 * credit by its transaction id, an order line by its order number and SKU.
 *
 * <p>Only refunds carry a refund number, so a record with refund number {@code n} has the key
 * {@link #ofRefundNo ofRefundNo(n)}: the search finds refunds through this key's index, and
 * {@code recon_record} needs no index of its own on the refund number (V23).
 */
public final class NaturalKey {

    static final int MAX_LENGTH = 200;

    private NaturalKey() {
    }

    /** The key of the refund with this refund number, whichever its source. */
    public static String ofRefundNo(String refundNo) {
        return key(RecordKind.REFUND, refundNo);
    }

    static String of(CanonicalRecord r) {
        String id = switch (r.kind()) {
            case REFUND -> first(r.refundNo(), r.txnId() + "/" + r.amount().toPlainString());
            case PAYMENT, FEE, PAYOUT -> first(r.txnId(), r.orderNo());
            case ORDER -> r.orderNo() + (r.attributes().containsKey("SKU") ? "/" + r.attributes().get("SKU") : "");
        };
        return key(r.kind(), id);
    }

    private static String key(RecordKind kind, String id) {
        return kind.name() + ":" + id;
    }

    private static String first(String preferred, String fallback) {
        return preferred != null && !preferred.isBlank() ? preferred : fallback;
    }
}
