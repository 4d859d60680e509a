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

    /**
     * {@code schedule}: when the run of the previous business day starts by itself, a cron in {@code zone};
     * {@code collectionWindow}: how long after its start a run waits for its sources before operations
     * decide; {@code retryWindow}: how much longer it waits when they retry.
     */
    public record Run(List<String> defaultSources, Duration recheckInterval, Duration collectionWindow,
                      String schedule, Duration retryWindow) {
    }

    /**
     * {@code openBatchSize}: how many review cases one transaction opens; a big day opens its cases in a loop
     * of jobs. {@code cutOff}: how long after matching the run waits for its reviews before it carries the
     * open ones into the next run and archives.
     */
    public record Review(String candidateGroup, int openBatchSize, Duration cutOff) {
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
