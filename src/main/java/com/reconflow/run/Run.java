package com.reconflow.run;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The reconciliation of one business day: the sources it waits for until {@code collectUntil}, when
 * its reviews are cut off, and the sources it was matched without because operations decided so.
 */
public record Run(long id, LocalDate businessDate, List<String> sources, RunStatus status, String processInstanceId,
                  String startedBy, Instant startedAt, Instant collectUntil, Instant matchedAt, Instant cutOffAt,
                  List<String> matchedWithout) {
}
