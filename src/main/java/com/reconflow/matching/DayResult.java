package com.reconflow.matching;

import java.util.List;

/** What matching made of a day: matches, discrepancies, and records waiting for the next days' data. */
public record DayResult(List<Match> matches, List<Finding> findings, List<Pending> pending) {
}
