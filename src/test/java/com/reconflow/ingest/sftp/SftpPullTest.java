package com.reconflow.ingest.sftp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import com.reconflow.support.AppTest;
import com.reconflow.support.AppTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bills pulled from a real SFTP server: alipay logs in with a password, wechatpay with a key, both
 * with strict host key checking against a known_hosts file; card's known_hosts names another key.
 * <p>
 * The SFTP settings make this an application context of its own, so it also gets a database and an
 * inbox of its own (H2AppTest's would be shared with the context the other tests keep running, whose
 * inbox route and records must not meet these), and it is closed when the class is done.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SftpPullTest extends AppTest {

    private static final Charset GBK = Charset.forName("GBK");
    private static final String ALIPAY_PASSWORD = UUID.randomUUID().toString();
    private static final String KEY_PASSPHRASE = "correct horse battery staple";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final Path TEMP = temp();
    private static final Path OWN_INBOX = dir(TEMP.resolve("inbox"));
    private static final Path WORK = dir(TEMP.resolve("work"));
    private static final Path CLIENT_KEY = TEMP.resolve("id_wechatpay");
    private static final Path KNOWN_HOSTS = TEMP.resolve("known_hosts");
    private static final Path OTHER_KNOWN_HOSTS = TEMP.resolve("known_hosts_other");
    private static final SftpTestServer SERVER;

    static {
        try {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            KeyPair client = rsa.generateKeyPair();
            writePrivateKey(client, CLIENT_KEY, KEY_PASSPHRASE);
            SERVER = new SftpTestServer(dir(TEMP.resolve("server")), TEMP.resolve("host-key.ser"),
                    Map.of("alipay", ALIPAY_PASSWORD), Map.of("wechatpay", client.getPublic()));
            // Started before the application, which polls it from its first second.
            SERVER.start();
            Files.writeString(KNOWN_HOSTS, SERVER.knownHostsLine() + "\n");
            Files.writeString(OTHER_KNOWN_HOSTS, SftpTestServer.knownHostsLine(SERVER.port(),
                    SftpTestServer.otherHostKey(TEMP.resolve("other-host-key.ser"))) + "\n");
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up the test SFTP server", e);
        }
    }

    @AfterAll
    static void stopServer() {
        SERVER.stop();
    }

    @Override
    public Path inbox() {
        return OWN_INBOX;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        AppTestSupport.commonProperties(registry, OWN_INBOX);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:reconflow-sftp-test;DB_CLOSE_DELAY=-1");
        // Runs in a JVM of its own (surefire execution sftp-test): one engine there, under its usual name.

        registry.add("recon.sftp.strict-host-key-checking", () -> "true");
        registry.add("recon.sftp.known-hosts-file", KNOWN_HOSTS::toString);
        registry.add("recon.sftp.work-dir", WORK::toString);
        provider(registry, "alipay");
        registry.add("recon.sftp.providers.alipay.password", () -> ALIPAY_PASSWORD);
        provider(registry, "wechatpay");
        registry.add("recon.sftp.providers.wechatpay.private-key-file", CLIENT_KEY::toString);
        registry.add("recon.sftp.providers.wechatpay.private-key-passphrase", () -> KEY_PASSPHRASE);
        provider(registry, "card");
        registry.add("recon.sftp.providers.card.password", () -> "whatever");
        registry.add("recon.sftp.providers.card.known-hosts-file", OTHER_KNOWN_HOSTS::toString);
    }

    private static void provider(DynamicPropertyRegistry registry, String name) {
        String key = "recon.sftp.providers." + name + ".";
        registry.add(key + "enabled", () -> "true");
        registry.add(key + "host", () -> "127.0.0.1");
        registry.add(key + "port", SERVER::port);
        registry.add(key + "username", () -> name);
        registry.add(key + "directory", () -> name);
        registry.add(key + "poll-delay", () -> "200ms");
        registry.add(key + "read-lock-min-age", () -> "3s");
        registry.add(key + "read-lock-check-interval", () -> "200ms");
        registry.add(key + "read-lock-timeout", () -> "10s");
    }

    @Autowired
    CamelContext camel;

    @Value("${recon.inbox.dir}")
    Path inboxInUse;

    @Value("${spring.datasource.url}")
    String database;

    @Test
    void aBillOnTheServerIsImportedAndMovedToDone() throws Exception {
        assertThat(inboxInUse).isEqualTo(OWN_INBOX);
        assertThat(database).contains("reconflow-sftp-test");
        Path folder = SERVER.folder("alipay");
        put(folder, "alipay_20261120.csv", sample("alipay_business_detail_20261120.csv"));

        Path done = folder.resolve(".done").resolve("alipay_20261120.csv");
        await().atMost(WAIT).until(() -> Files.exists(done));
        Map<String, Object> imported = importOf("alipay_20261120.csv");
        assertThat(imported).containsEntry("SOURCE", "alipay").containsEntry("FORMAT", "alipay-business-detail")
                .containsEntry("IMPORTED_BY", "sftp:alipay").containsEntry("ROWS_REJECTED", 0);
        assertThat((Integer) imported.get("ROWS_ACCEPTED")).isEqualTo(22);
        assertThat(count("SELECT COUNT(*) FROM recon_record WHERE import_id = " + imported.get("ID"))).isEqualTo(22);
        assertThat(folder.resolve("alipay_20261120.csv")).doesNotExist();
        assertThat(done).hasBinaryContent(sample("alipay_business_detail_20261120.csv"));
        // the local copy is removed once the file is done
        assertThat(WORK.resolve("alipay").resolve("alipay_20261120.csv")).doesNotExist();
    }

    @Test
    void aFileThatIsStillBeingWrittenIsImportedWholeAndOnce() throws Exception {
        Path folder = SERVER.folder("alipay");
        byte[] bill = alipayVariant("31");
        int half = bill.length / 2;
        Path file = folder.resolve("alipay_slow_upload.csv");
        Files.write(file, Arrays.copyOfRange(bill, 0, half));
        // the route has seen the half-written file ...
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> SERVER.timesListed("alipay_slow_upload.csv") > 0);
        // ... before the rest arrives
        Files.write(file, Arrays.copyOfRange(bill, half, bill.length), StandardOpenOption.APPEND);

        Path done = folder.resolve(".done").resolve("alipay_slow_upload.csv");
        await().atMost(WAIT).until(() -> Files.exists(done));
        assertThat(done).hasBinaryContent(bill);
        assertThat(count("SELECT COUNT(*) FROM recon_import WHERE file_name = 'alipay_slow_upload.csv'")).isOne();
        Map<String, Object> imported = importOf("alipay_slow_upload.csv");
        assertThat(imported).containsEntry("ROWS_ACCEPTED", 22).containsEntry("ROWS_REJECTED", 0);
        assertThat(folder.resolve(".error").resolve("alipay_slow_upload.csv")).doesNotExist();
    }

    @Test
    void aFileWaitingWhileTheServerIsDownIsImportedWhenItIsBackOnTheSamePort() throws Exception {
        int port = SERVER.port();
        SERVER.stop();
        try {
            await().atMost(WAIT).until(() -> consumer("sftp-alipay").getErrorCounter() > 0);
            put(SERVER.folder("alipay"), "alipay_while_down.csv", alipayVariant("32"));
        } finally {
            SERVER.start();
        }
        assertThat(SERVER.port()).isEqualTo(port);

        Path done = SERVER.folder("alipay").resolve(".done").resolve("alipay_while_down.csv");
        await().atMost(WAIT).until(() -> Files.exists(done));
        assertThat(importOf("alipay_while_down.csv")).containsEntry("ROWS_ACCEPTED", 22);
    }

    @Test
    void aRejectedBillGoesToErrorOnTheServerWithItsReasonAndNothingIsStored() throws Exception {
        long recordsBefore = count("SELECT COUNT(*) FROM recon_record");
        Path folder = SERVER.folder("wechatpay");
        String bill = new String(sample("wechatpay_tradebill_ALL_20261120.csv"), StandardCharsets.UTF_8);
        String altered = bill.replace("`14,`3153.40", "`14,`3135.40");
        assertThat(altered).isNotEqualTo(bill);
        put(folder, "wechat_altered.csv", altered.getBytes(StandardCharsets.UTF_8));

        Path rejected = folder.resolve(".error").resolve("wechat_altered.csv");
        Path reason = folder.resolve(".error").resolve("wechat_altered.csv.reason.txt");
        await().atMost(WAIT).until(() -> Files.exists(rejected) && Files.exists(reason));
        assertThat(Files.readString(reason)).contains("wechat_altered.csv").contains("summary says")
                .contains("3135.40");
        assertThat(rejected).hasBinaryContent(altered.getBytes(StandardCharsets.UTF_8));
        assertThat(folder.resolve("wechat_altered.csv")).doesNotExist();
        assertThat(count("SELECT COUNT(*) FROM recon_import WHERE file_name = 'wechat_altered.csv'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM recon_record")).isEqualTo(recordsBefore);
        // not remembered as pulled: a corrected file under the same name is taken again
        assertThat(count("SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED WHERE messageId LIKE 'wechat_altered.csv-%'"))
                .isZero();
    }

    @Test
    void theSameFileUploadedAgainAfterARestartOfTheRouteIsNotImportedTwice() throws Exception {
        Path folder = SERVER.folder("alipay");
        byte[] bill = alipayVariant("33");
        FileTime uploaded = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
        put(folder, "alipay_again.csv", bill, uploaded);
        await().atMost(WAIT).until(() -> Files.exists(folder.resolve(".done").resolve("alipay_again.csv")));
        String key = "alipay_again.csv-" + bill.length + "-" + uploaded.toMillis();
        assertThat(count("SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED WHERE processorName = 'sftp-alipay'"
                + " AND messageId = '" + key + "'")).isOne();

        camel.getRouteController().stopRoute("sftp-alipay");
        camel.getRouteController().startRoute("sftp-alipay");
        put(folder, "alipay_again.csv", bill, uploaded);
        awaitACompletePoll("sftp-alipay");

        assertThat(folder.resolve("alipay_again.csv")).exists();
        assertThat(count("SELECT COUNT(*) FROM recon_import WHERE file_name = 'alipay_again.csv'")).isOne();
    }

    @Test
    void aProviderWithAKeyLogsInWithItsKey() throws Exception {
        Path folder = SERVER.folder("wechatpay");
        put(folder, "wechat_20261120.csv", sample("wechatpay_tradebill_ALL_20261120.csv"));

        await().atMost(WAIT).until(() -> Files.exists(folder.resolve(".done").resolve("wechat_20261120.csv")));
        assertThat(importOf("wechat_20261120.csv")).containsEntry("FORMAT", "wechatpay-tradebill")
                .containsEntry("IMPORTED_BY", "sftp:wechatpay").containsEntry("ROWS_ACCEPTED", 14);
        assertThat(SERVER.triedToLogIn("wechatpay")).isTrue();
    }

    @Test
    void aServerWhoseHostKeyIsNotTheKnownOneIsNotLoggedInto() throws Exception {
        Path folder = SERVER.folder("card");
        put(folder, "unionpay_20261120.csv", sample("unionpay_20261120.csv"));

        // The other providers keep their sessions open between polls: new connections are card's
        // attempts, each dropped at the host key check before any login.
        long sessions = SERVER.sessionsOpened();
        await().atMost(WAIT).until(() -> SERVER.sessionsOpened() >= sessions + 2);
        assertThat(SERVER.triedToLogIn("card")).isFalse();
        assertThat(folder.resolve("unionpay_20261120.csv")).exists();
        assertThat(count("SELECT COUNT(*) FROM recon_import WHERE file_name = 'unionpay_20261120.csv'")).isZero();
    }

    /** Waits until a poll has begun after this call and finished: everything in the folder was looked at. */
    private void awaitACompletePoll(String routeId) {
        long polls = consumer(routeId).getCounter();
        await().atMost(WAIT).until(() -> consumer(routeId).getCounter() >= polls + 2);
    }

    private ScheduledPollConsumer consumer(String routeId) {
        return (ScheduledPollConsumer) camel.getRoute(routeId).getConsumer();
    }

    private Map<String, Object> importOf(String fileName) {
        return jdbc().sql("SELECT * FROM recon_import WHERE file_name = ?").param(fileName).query().singleRow();
    }

    private long count(String sql) {
        return jdbc().sql(sql).query(Long.class).single();
    }

    /** Written under a temporary name and renamed, as an upload that is complete when it appears. */
    private static void put(Path folder, String name, byte[] content) throws IOException {
        put(folder, name, content, FileTime.from(Instant.now()));
    }

    private static void put(Path folder, String name, byte[] content, FileTime modified) throws IOException {
        Path part = folder.resolve("." + name + ".part");
        Files.write(part, content);
        Files.setLastModifiedTime(part, modified);
        Files.move(part, folder.resolve(name));
    }

    /** The Alipay sample with other transaction ids, so that its records are new. */
    private static byte[] alipayVariant(String digits) {
        String text = new String(sample("alipay_business_detail_20261120.csv"), GBK);
        return text.replace("2026112022", "20261120" + digits).getBytes(GBK);
    }

    private static byte[] sample(String name) {
        try (InputStream in = SftpPullTest.class.getResourceAsStream("/formats/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource formats/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writePrivateKey(KeyPair key, Path file, String passphrase) throws Exception {
        OpenSSHKeyEncryptionContext encryption = new OpenSSHKeyEncryptionContext();
        encryption.setCipherName("AES");
        encryption.setCipherType("256");
        encryption.setCipherMode("CTR");
        encryption.setPassword(passphrase);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "wechatpay", encryption, out);
        Files.write(file, out.toByteArray());
    }

    private static Path temp() {
        try {
            return Files.createTempDirectory("reconflow-sftp");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path dir(Path path) {
        try {
            return Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
