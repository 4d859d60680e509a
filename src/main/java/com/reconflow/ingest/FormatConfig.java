package com.reconflow.ingest;

import java.nio.file.Path;

import com.reconflow.ingest.format.FormatDetector;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FormatConfig {

    /**
     * The built-in layouts, the shipped column mappings and the operator's own mappings from
     * {@code recon.formats.mappings-dir} (docs/column-mappings.md); a bad mapping stops the start.
     */
    @Bean
    FormatDetector formatDetector(@Value("${recon.formats.mappings-dir:}") String mappingsDir) {
        return FormatDetector.withMappings(mappingsDir.isBlank() ? null : Path.of(mappingsDir));
    }
}
