package com.reconflow.run;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The reconciliation of one business day. */
public record Run(long id, LocalDate businessDate, List<String> sources, RunStatus status, String processInstanceId,
                  Instant startedAt) {
}
