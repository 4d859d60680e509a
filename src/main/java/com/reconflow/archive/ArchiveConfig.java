package com.reconflow.archive;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ArchiveProperties.class)
class ArchiveConfig {

    /** The voucher font is read and checked at start-up: a node that cannot write vouchers does not start. */
    @Bean
    VoucherWriter voucherWriter(ArchiveProperties properties) {
        return new VoucherWriter(VoucherFont.of(properties));
    }
}
