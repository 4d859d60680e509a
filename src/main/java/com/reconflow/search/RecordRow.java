package com.reconflow.search;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * One record as lists show it: what it is, its keys and amount, when (in the business zone), where it was
 * sold, and the file and line it came from. {@code amount} is a string with two decimals.
 */
public record RecordRow(long id, String kind, String source, LocalDate businessDate, String orderNo, String txnId,
                        String refundNo, String amount, OffsetDateTime occurredAt, String store, String paymentMethod,
                        String category, String status, String sku, Integer quantity, long importId,
                        String fileName, int lineNo) {
}
