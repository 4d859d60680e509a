package com.reconflow.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Everything ReconFlow reads from {@code recon.*}: one place, checked at start-up. */
@ConfigurationProperties(prefix = "recon")
public record ReconProperties(
        ZoneId zone,
        List<String> sources,
        Inbox inbox,
        Run run,
        Review review,
        Matching matching,
        Demo demo) {

    public record Inbox(Path dir, long pollDelay, long readLockMinAge, int concurrentFiles) {
    }

    public record Run(List<String> defaultSources, Duration recheckInterval, Duration collectionWindow) {
    }

    /** {@code openBatchSize}: how many review cases one transaction opens; a big day opens its cases in a loop of jobs. */
    public record Review(String candidateGroup, int openBatchSize) {
    }

    /** See com.reconflow.matching.MatchingRules. */
    public record Matching(String rulesVersion, BigDecimal roundingTolerance, Map<String, BigDecimal> feeRates,
                           BigDecimal feeTolerance, String mergedPrefix, String mergedSeparator,
                           Map<String, String> payoutReferences, Duration timingWindow, int timingDays,
                           Duration fallbackWindow, BigDecimal fallbackMinConfidence) {
    }

    public record Demo(boolean data) {
    }

    public boolean isKnownSource(String source) {
        return sources.contains(source);
    }
}
