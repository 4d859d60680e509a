package com.reconflow.matching;

import java.util.List;

/**
 * What matching made of a day: matches, discrepancies, records waiting for the next days' data,
 * and pairs proposed to a person.
 */
public record DayResult(List<Match> matches, List<Finding> findings, List<Pending> pending,
                        List<Proposal> proposals) {
}
