package com.reconflow.ingest.sftp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code recon.sftp.*}: the providers whose SFTP servers ReconFlow pulls bills from. A provider's key
 * is the source its files are imported for ({@code alipay}, {@code wechatpay}, ...). Nothing is pulled
 * until a provider is enabled and given a host, a user and a password or a private key.
 *
 * @param workDir               where downloads are kept while they are imported (one folder per provider)
 * @param strictHostKeyChecking whether a server must be listed in its known_hosts file (off only for demos)
 * @param knownHostsFile        known_hosts for every provider that names none of its own
 */
@ConfigurationProperties(prefix = "recon.sftp")
public record SftpProperties(Path workDir, boolean strictHostKeyChecking, String knownHostsFile,
                             Map<String, Provider> providers) {

    public SftpProperties {
        workDir = workDir == null ? Path.of("data", "sftp-work") : workDir;
        providers = providers == null ? Map.of() : new TreeMap<>(providers);
    }

    /**
     * One provider's server. Blank values count as not set, so {@code ${ENV_VAR:}} placeholders may
     * stay in the configuration for providers that are not used.
     *
     * @param directory             the folder on the server: relative to the login's home, or absolute with a leading /
     * @param pollDelay             pause between two looks at the folder
     * @param readLockMinAge        a file is taken only once it has not changed for this long
     * @param readLockCheckInterval how often a file that is still changing is looked at again
     * @param readLockTimeout       how long one poll waits for a changing file before it tries again at the next
     */
    public record Provider(boolean enabled, String host, Integer port, String username, String password,
                           String privateKeyFile, String privateKeyPassphrase, String directory,
                           String knownHostsFile, Duration pollDelay, Duration readLockMinAge,
                           Duration readLockCheckInterval, Duration readLockTimeout) {

        public Provider {
            port = port == null ? 22 : port;
            pollDelay = pollDelay == null ? Duration.ofMinutes(1) : pollDelay;
            readLockMinAge = readLockMinAge == null ? Duration.ofSeconds(10) : readLockMinAge;
            readLockCheckInterval = readLockCheckInterval == null ? Duration.ofSeconds(2) : readLockCheckInterval;
            readLockTimeout = readLockTimeout == null ? Duration.ofMinutes(1) : readLockTimeout;
        }
    }
}
