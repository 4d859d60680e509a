package com.reconflow.config;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReconProperties.class)
class ClockConfig {

    /** The business zone's clock: "today" and "yesterday" are finance's days, not the server's. */
    @Bean
    Clock clock(ReconProperties properties) {
        return Clock.system(properties.zone());
    }
}
