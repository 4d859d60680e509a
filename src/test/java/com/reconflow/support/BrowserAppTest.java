package com.reconflow.support;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The application on H2 with a headless Chromium opened on it for each test ({@link Tasklist}); a test that
 * fails leaves a screenshot and the page's source as evidence.
 */
public abstract class BrowserAppTest extends H2AppTest {

    protected static final Duration PATIENCE = Duration.ofSeconds(60);

    @LocalServerPort
    protected int port;

    protected Tasklist tasklist;

    /** Runs before {@code @AfterEach}, while the browser still shows the page that failed. */
    @RegisterExtension
    final AfterTestExecutionCallback evidenceOnFailure = context -> {
        if (context.getExecutionException().isPresent() && tasklist != null) {
            tasklist.saveEvidence(context.getRequiredTestMethod().getName());
        }
    };

    @BeforeEach
    void startBrowser() throws IOException {
        tasklist = Tasklist.open(port, PATIENCE);
    }

    @AfterEach
    void stopBrowser() {
        if (tasklist != null) {
            tasklist.close();
        }
    }
}
