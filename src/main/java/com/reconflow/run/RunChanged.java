package com.reconflow.run;

/**
 * A run's day was matched (again) or archived: what is reported about its records may have changed.
 * Published inside the transaction that made the change, so that a listener's own writes (the report
 * refresh it asks for) commit with it or not at all.
 */
public record RunChanged(long runId, String businessKey) {
}
