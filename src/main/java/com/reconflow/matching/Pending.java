package com.reconflow.matching;

import java.time.LocalDate;

/** A record whose counterpart is expected in a later day's data (a timing difference), since {@code since}. */
public record Pending(LedgerEntry entry, LocalDate since) {
}
