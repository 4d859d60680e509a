package com.reconflow.matching;

import java.math.BigDecimal;
import java.time.LocalDateTime;

import com.reconflow.ingest.RecordKind;

/**
 * The part of a stored record that matching looks at. {@code fee} is the provider's fee as written
 * (sign included), {@code refunded} what an order says was refunded, {@code memo} the provider's
 * free field that lists the orders a combined payment covers, {@code occurredAt} the local time in
 * the business zone.
 */
public record LedgerEntry(long id, RecordKind kind, String source, String orderNo, String txnId,
                          BigDecimal amount, String status, String paymentMethod, BigDecimal fee,
                          BigDecimal refunded, String memo, LocalDateTime occurredAt) {

    public LedgerEntry(long id, RecordKind kind, String source, String orderNo, String txnId, BigDecimal amount,
                       String status, String paymentMethod, BigDecimal fee, BigDecimal refunded, String memo) {
        this(id, kind, source, orderNo, txnId, amount, status, paymentMethod, fee, refunded, memo, null);
    }

    public LedgerEntry(long id, RecordKind kind, String source, String orderNo, String txnId, BigDecimal amount,
                       String status, String paymentMethod) {
        this(id, kind, source, orderNo, txnId, amount, status, paymentMethod, null, null, null, null);
    }

    boolean isCancelledOrder() {
        return kind == RecordKind.ORDER && "CANCELLED".equals(status);
    }

    boolean isPaidInCash() {
        return "cash".equals(paymentMethod);
    }
}
