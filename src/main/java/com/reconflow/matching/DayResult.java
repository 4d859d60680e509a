package com.reconflow.matching;

import java.util.List;

public record DayResult(List<Match> matches, List<Finding> findings) {
}
