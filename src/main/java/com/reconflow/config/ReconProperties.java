package com.reconflow.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Everything ReconFlow reads from {@code recon.*}: one place, checked at start-up. */
@ConfigurationProperties(prefix = "recon")
public record ReconProperties(
        ZoneId zone,
        List<String> sources,
        Inbox inbox,
        Run run,
        Review review,
        Demo demo) {

    public record Inbox(Path dir, long pollDelay, long readLockMinAge) {
    }

    public record Run(List<String> defaultSources, Duration recheckInterval, Duration collectionWindow) {
    }

    public record Review(String candidateGroup) {
    }

    public record Demo(boolean data) {
    }

    public boolean isKnownSource(String source) {
        return sources.contains(source);
    }
}
