package com.reconflow.ingest;

import com.reconflow.ingest.format.FormatDetector;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FormatConfig {

    @Bean
    FormatDetector formatDetector() {
        return new FormatDetector(FormatDetector.all());
    }
}
