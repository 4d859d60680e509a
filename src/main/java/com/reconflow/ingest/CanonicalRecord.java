package com.reconflow.ingest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One row of any channel file, in the one shape matching understands.
 *
 * <p>For orders {@code orderNo} is the channel's order number and {@code txnId} the payment serial
 * number the order carries (may be null); for provider rows {@code orderNo} is the merchant order
 * number and {@code txnId} the provider's transaction id. {@code amount} is always positive money
 * moved in the direction the kind implies; {@code fee} keeps the provider's sign and precision.
 * {@code lineNo} and {@code rawLine} trace the record back to its file.
 */
public record CanonicalRecord(
        RecordKind kind,
        LocalDate businessDate,
        String orderNo,
        String txnId,
        String refundNo,
        BigDecimal amount,
        BigDecimal fee,
        String currency,
        String status,
        OffsetDateTime occurredAt,
        String store,
        String paymentMethod,
        String category,
        int lineNo,
        String rawLine,
        Map<String, String> attributes) {

    public CanonicalRecord {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
