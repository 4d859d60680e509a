package com.reconflow.support;

import java.nio.file.Path;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole application on an in-memory H2 database, the demo users, an empty temporary inbox. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
public abstract class H2AppTest extends AppTest {

    protected static final Path INBOX = AppTestSupport.newInbox("h2");

    @Override
    public Path inbox() {
        return INBOX;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        AppTestSupport.commonProperties(registry, INBOX);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:reconflow-test;DB_CLOSE_DELAY=-1");
    }
}
