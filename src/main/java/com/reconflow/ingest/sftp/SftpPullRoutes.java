package com.reconflow.ingest.sftp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.reconflow.config.ReconProperties;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One route per enabled provider, made from the route template {@code sftp-pull} in
 * {@code camel-routes/sftp.camel.yaml}. The route stays in YAML where operators change it; the set of
 * providers is configuration ({@code recon.sftp.providers}), which YAML cannot iterate over, so the
 * routes are created here once the YAML is loaded and before Camel starts them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SftpProperties.class)
class SftpPullRoutes {

    static final String TEMPLATE_ID = "sftp-pull";
    /** The idempotent repository's name inside each route; every route has its own. */
    static final String REPOSITORY_BEAN = "sftpImportRepository";

    private static final Logger log = LoggerFactory.getLogger(SftpPullRoutes.class);

    static String routeId(String provider) {
        return "sftp-" + provider;
    }

    @Bean
    CamelContextConfiguration sftpPullRouteCreator(SftpProperties sftp, ReconProperties recon, DataSource dataSource) {
        Map<String, SftpProperties.Provider> enabled = new LinkedHashMap<>();
        sftp.providers().forEach((name, provider) -> {
            if (provider.enabled()) {
                enabled.put(name, provider);
            }
        });
        List<String> problems = new ArrayList<>();
        enabled.forEach((name, provider) -> problems.addAll(problems(name, provider, sftp, recon)));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("SFTP configuration is incomplete: " + String.join("; ", problems));
        }
        if (enabled.isEmpty()) {
            log.info("No SFTP provider is enabled (recon.sftp.providers.<source>.enabled)");
        }
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                enabled.forEach((name, provider) -> addRoute(camelContext, name, provider, sftp, dataSource));
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
            }
        };
    }

    private static void addRoute(CamelContext camelContext, String name, SftpProperties.Provider provider,
                                 SftpProperties sftp, DataSource dataSource) {
        // Files already pulled are remembered in the database, so a restart or another node does not pull
        // them again. The table comes from Flyway (V3), not from Camel.
        JdbcMessageIdRepository pulled = new JdbcMessageIdRepository(dataSource, routeId(name));
        pulled.setCreateTableIfNotExists(false);

        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("provider", name);
        parameters.put("host", provider.host().trim());
        parameters.put("port", provider.port());
        parameters.put("directory", provider.directory().trim());
        parameters.put("username", provider.username().trim());
        // Absent secrets are passed empty: the sftp component then does not use them.
        parameters.put("password", secret(provider.password()));
        parameters.put("privateKeyFile", orEmpty(provider.privateKeyFile()));
        parameters.put("privateKeyPassphrase", secret(provider.privateKeyPassphrase()));
        parameters.put("knownHostsFile", orEmpty(knownHostsFile(provider, sftp)));
        parameters.put("strictHostKeyChecking", sftp.strictHostKeyChecking() ? "yes" : "no");
        parameters.put("pollDelay", provider.pollDelay().toMillis());
        parameters.put("readLockMinAge", provider.readLockMinAge().toMillis());
        parameters.put("readLockCheckInterval", provider.readLockCheckInterval().toMillis());
        parameters.put("readLockTimeout", provider.readLockTimeout().toMillis());
        parameters.put("workDirectory", sftp.workDir().resolve(name).toAbsolutePath().toString());

        String routeId = TemplatedRouteBuilder.builder(camelContext, TEMPLATE_ID)
                .routeId(routeId(name))
                .parameters(parameters)
                .bean(REPOSITORY_BEAN, pulled)
                .add();
        log.info("SFTP pull {}: {}@{}:{}/{} every {}, host key checking {}", routeId, provider.username().trim(),
                provider.host().trim(), provider.port(), provider.directory().trim(), provider.pollDelay(),
                sftp.strictHostKeyChecking() ? "strict" : "OFF");
    }

    /** Everything that keeps an enabled provider from working, named by its property. */
    static List<String> problems(String name, SftpProperties.Provider provider, SftpProperties sftp,
                                 ReconProperties recon) {
        String key = "recon.sftp.providers." + name;
        List<String> problems = new ArrayList<>();
        if (!recon.isKnownSource(name)) {
            problems.add(key + ": '" + name + "' is not a source; configured sources are " + recon.sources());
        }
        if (blank(provider.host())) {
            problems.add(key + ".host is required");
        }
        if (blank(provider.username())) {
            problems.add(key + ".username is required");
        }
        if (blank(provider.directory())) {
            problems.add(key + ".directory is required (relative to the login's home, or absolute with a leading /)");
        }
        if (blank(provider.password()) && blank(provider.privateKeyFile())) {
            problems.add(key + " needs a password or a private-key-file");
        }
        if (!blank(provider.privateKeyFile()) && !Files.isReadable(Path.of(provider.privateKeyFile().trim()))) {
            problems.add(key + ".private-key-file " + provider.privateKeyFile().trim() + " is not a readable file");
        }
        String knownHosts = knownHostsFile(provider, sftp);
        if (sftp.strictHostKeyChecking() && blank(knownHosts)) {
            problems.add(key + ".known-hosts-file (or recon.sftp.known-hosts-file) is required while"
                    + " recon.sftp.strict-host-key-checking is on");
        }
        if (!blank(knownHosts) && !Files.isReadable(Path.of(knownHosts.trim()))) {
            problems.add(key + ": known_hosts file " + knownHosts.trim() + " is not a readable file");
        }
        if (provider.readLockTimeout().compareTo(provider.readLockMinAge().plus(provider.readLockCheckInterval())) <= 0) {
            problems.add(key + ".read-lock-timeout (" + provider.readLockTimeout() + ") must be longer than"
                    + " read-lock-min-age plus read-lock-check-interval (" + provider.readLockMinAge() + " + "
                    + provider.readLockCheckInterval() + ")");
        }
        return problems;
    }

    private static String knownHostsFile(SftpProperties.Provider provider, SftpProperties sftp) {
        return blank(provider.knownHostsFile()) ? sftp.knownHostsFile() : provider.knownHostsFile();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String orEmpty(String value) {
        return blank(value) ? "" : value.trim();
    }

    /** Secrets are taken as they are: spaces may be part of them. */
    private static String secret(String value) {
        return blank(value) ? "" : value;
    }
}
