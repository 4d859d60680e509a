package com.reconflow.matching;

import java.math.BigDecimal;

import com.reconflow.ingest.RecordKind;

/** The part of a stored record that matching looks at. */
public record LedgerEntry(long id, RecordKind kind, String source, String orderNo, String txnId,
                          BigDecimal amount, String status, String paymentMethod) {

    boolean isCancelledOrder() {
        return kind == RecordKind.ORDER && "CANCELLED".equals(status);
    }

    boolean isPaidInCash() {
        return "cash".equals(paymentMethod);
    }
}
