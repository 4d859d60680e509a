package com.reconflow.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** docker-compose.yml cannot be run here (no Docker engine), so it is validated on paper. */
class ComposeFileTest {

    private static final Path COMPOSE = Path.of("/usr/bin/docker-compose");

    @Test
    void composeAcceptsTheFileWithTheSecretsFromTheEnvironment() throws Exception {
        assumeTrue(Files.isExecutable(COMPOSE), "docker-compose is not installed");
        Result result = config(true);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output())
                .contains("image: mysql:8.4")
                .contains("--transaction-isolation=READ-COMMITTED")
                .contains("--collation-server=utf8mb4_bin")
                .contains("--innodb-buffer-pool-size=2G")
                .contains("--innodb-redo-log-capacity=2G")
                .contains("image: atmoz/sftp")
                .contains("SPRING_PROFILES_ACTIVE: mysql")
                .contains("RECON_ADMIN_PASSWORD: secret-admin");
    }

    @Test
    void composeRefusesToRunWithoutPasswords() throws Exception {
        assumeTrue(Files.isExecutable(COMPOSE), "docker-compose is not installed");
        Result result = config(false);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("PASSWORD");
    }

    @Test
    void noPasswordIsWrittenInTheFile() throws IOException {
        var passwordSetting = java.util.regex.Pattern.compile("^\\s*[A-Z_]*PASSWORD:\\s*(.*)$");
        long checked = 0;
        for (String line : Files.readAllLines(Path.of("docker-compose.yml"))) {
            var setting = passwordSetting.matcher(line);
            if (setting.matches()) {
                assertThat(setting.group(1)).as(line).startsWith("${").contains(":?");
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(3);
    }

    private record Result(int exitCode, String output) {
    }

    private static Result config(boolean withSecrets) throws Exception {
        var builder = new ProcessBuilder(COMPOSE.toString(), "-f", "docker-compose.yml", "config")
                .redirectErrorStream(true);
        var env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("RECON_") || name.startsWith("MYSQL_"));
        if (withSecrets) {
            env.put("RECON_DB_PASSWORD", "secret-db");
            env.put("MYSQL_ROOT_PASSWORD", "secret-root");
            env.put("RECON_ADMIN_PASSWORD", "secret-admin");
            env.put("RECON_SFTP_PASSWORD", "secret-sftp");
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
