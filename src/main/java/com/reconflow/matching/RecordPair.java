package com.reconflow.matching;

/** An order record and a provider record (payment) that a person put together or kept apart. */
public record RecordPair(long orderId, long paymentId) {
}
