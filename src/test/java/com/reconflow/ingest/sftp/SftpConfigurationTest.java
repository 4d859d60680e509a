package com.reconflow.ingest.sftp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import com.reconflow.config.ReconProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** An enabled provider that cannot work stops the start, naming the property to set. */
class SftpConfigurationTest {

    private static final ReconProperties RECON = new ReconProperties(ZoneId.of("Asia/Shanghai"),
            List.of("alipay", "wechatpay"), null, null, null, null, null);

    @TempDir
    Path dir;

    @Test
    void aCompleteProviderHasNoProblems() throws Exception {
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "");
        SftpProperties.Provider alipay = provider("sftp.example.com", "merchant", "secret", null, "bills");

        assertThat(SftpPullRoutes.problems("alipay", alipay, strict(knownHosts.toString()), RECON)).isEmpty();
    }

    @Test
    void anEnabledProviderWithoutServerLoginOrFolderIsRefusedPropertyByProperty() {
        SftpProperties.Provider empty = provider("", " ", "", "", null);

        assertThat(SftpPullRoutes.problems("alipay", empty, strict(null), RECON)).containsExactly(
                "recon.sftp.providers.alipay.host is required",
                "recon.sftp.providers.alipay.username is required",
                "recon.sftp.providers.alipay.directory is required (relative to the login's home, or absolute with a leading /)",
                "recon.sftp.providers.alipay needs a password or a private-key-file",
                "recon.sftp.providers.alipay.known-hosts-file (or recon.sftp.known-hosts-file) is required while"
                        + " recon.sftp.strict-host-key-checking is on");
    }

    @Test
    void aProviderThatIsNoSourceOrWhoseFilesAreMissingIsRefused() {
        SftpProperties.Provider provider = provider("sftp.example.com", "merchant", null,
                dir.resolve("id_missing").toString(), "/");
        SftpProperties sftp = strict(dir.resolve("known_hosts_missing").toString());

        assertThat(SftpPullRoutes.problems("paypal", provider, sftp, RECON)).containsExactly(
                "recon.sftp.providers.paypal: 'paypal' is not a source; configured sources are [alipay, wechatpay]",
                "recon.sftp.providers.paypal.private-key-file " + dir.resolve("id_missing") + " is not a readable file",
                "recon.sftp.providers.paypal: known_hosts file " + dir.resolve("known_hosts_missing")
                        + " is not a readable file");
    }

    @Test
    void withoutStrictHostKeyCheckingNoKnownHostsFileIsNeeded() {
        SftpProperties demo = new SftpProperties(dir, false, null, Map.of());

        assertThat(SftpPullRoutes.problems("alipay", provider("localhost", "demo", "demo", null, "upload"), demo, RECON))
                .isEmpty();
    }

    @Test
    void theReadLockTimeoutMustLeaveTimeForAFileToSettle() {
        SftpProperties.Provider impatient = new SftpProperties.Provider(true, "localhost", 22, "demo", "demo", null,
                null, "upload", null, null, Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(12));

        assertThat(SftpPullRoutes.problems("alipay", impatient, new SftpProperties(dir, false, null, Map.of()), RECON))
                .containsExactly("recon.sftp.providers.alipay.read-lock-timeout (PT12S) must be longer than"
                        + " read-lock-min-age plus read-lock-check-interval (PT10S + PT2S)");
    }

    private SftpProperties strict(String knownHostsFile) {
        return new SftpProperties(dir, true, knownHostsFile, Map.of());
    }

    private static SftpProperties.Provider provider(String host, String user, String password, String keyFile,
                                                    String directory) {
        return new SftpProperties.Provider(true, host, null, user, password, keyFile, null, directory, null, null, null,
                null, null);
    }
}
