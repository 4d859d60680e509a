package com.reconflow.ingest.http;

import com.reconflow.support.H2AppTest;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.timer.TimerEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** With the shipped configuration the routes run, but nothing is configured and nothing is polled. */
class ChannelApiRoutesInApplicationTest extends H2AppTest {

    @Autowired
    private CamelContext camel;

    @Autowired
    private ChannelApiPolling channelApiPolling;

    @Autowired
    private WechatPayBills wechatPayBills;

    @Test
    void theRoutesRunWithThePeriodsOfTheConfigurationAndNoConnectorIsConfigured() {
        assertThat(camel.getRouteController().getRouteStatus("channel-api-poll")).isEqualTo(ServiceStatus.Started);
        assertThat(camel.getRouteController().getRouteStatus("wechatpay-tradebill")).isEqualTo(ServiceStatus.Started);
        TimerEndpoint poll = (TimerEndpoint) camel.getRoute("channel-api-poll").getEndpoint();
        assertThat(poll.getPeriod()).isEqualTo(5 * 60_000L);
        TimerEndpoint bill = (TimerEndpoint) camel.getRoute("wechatpay-tradebill").getEndpoint();
        assertThat(bill.getPeriod()).isEqualTo(60 * 60_000L);

        assertThat(channelApiPolling.connectorIds()).isEmpty();
        assertThat(channelApiPolling.pollAll()).isEmpty();
        assertThat(wechatPayBills.enabled()).isFalse();
        assertThat(wechatPayBills.importPreviousDay()).isNull();
    }
}
