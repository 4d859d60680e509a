package com.reconflow.stock.sync;

import com.reconflow.support.H2AppTest;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Runs in a JVM of its own (surefire execution stock-sync-test): its channels make an application context of its own. */
class StockSyncOnH2Test extends H2AppTest implements StockSyncApi {

    private static final ChannelServers SERVERS = new ChannelServers();

    @Autowired
    private ChannelOutbox outbox;

    @Autowired
    private CamelContext camel;

    @DynamicPropertySource
    static void channels(DynamicPropertyRegistry registry) {
        SERVERS.register(registry);
    }

    @AfterAll
    static void stopServers() {
        SERVERS.stop();
    }

    @Override
    public ChannelServers servers() {
        return SERVERS;
    }

    @Override
    public ChannelOutbox outbox() {
        return outbox;
    }

    @Override
    public CamelContext camel() {
        return camel;
    }
}
