package com.reconflow.ingest.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.reconflow.ingest.ImportResult;
import com.reconflow.ingest.ImportService;
import com.reconflow.support.H2AppTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The WeChat Pay trade bill from a real HTTP server on loopback into H2. The bill is the shared
 * sample day's, moved to a day of March 2025 (dates, order numbers and transaction ids), so that
 * it never meets the end-to-end test's 2026-11-20 in the database the application tests share.
 */
class WechatPayBillsTest extends H2AppTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String SAMPLE = "/formats/wechatpay_tradebill_ALL_20261120.csv";
    private static final String BILL = "/v3/bill/tradebill";
    private static final String DOWNLOAD = "/v3/billdownload/file";
    private static final String TOKEN = "wx-test-token";

    @RegisterExtension
    static WireMockExtension wechat = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Autowired
    private ImportService imports;

    @Test
    void downloadsTheBillVerifiesItsHashAndImportsItsPayments() {
        LocalDate day = LocalDate.of(2025, 3, 21);
        byte[] bill = billOf(day);
        announce(day, sha1(bill), wechat.baseUrl() + DOWNLOAD + "?token=t21");
        wechat.stubFor(get(urlPathEqualTo(DOWNLOAD)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/octet-stream").withBody(bill)));

        ImportResult result = bills(false, Clock.systemUTC()).importBill(day);

        wechat.verify(1, getRequestedFor(urlPathEqualTo(BILL)).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withQueryParam("bill_date", equalTo("2025-03-21")).withQueryParam("bill_type", equalTo("ALL"))
                .withQueryParam("tar_type", absent()));
        wechat.verify(1, getRequestedFor(urlPathEqualTo(DOWNLOAD)).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withQueryParam("token", equalTo("t21")));
        assertThat(result.source()).isEqualTo("wechatpay");
        assertThat(result.format()).isEqualTo("wechatpay-tradebill");
        assertThat(result.fileName()).isEqualTo("wechatpay_tradebill_ALL_20250321.csv");
        assertThat(result.businessDate()).isEqualTo(day);
        assertThat(result.rowsAccepted()).isEqualTo(14);
        assertThat(result.rowsRejected()).isZero();
        assertThat(jdbc().sql("SELECT txn_id FROM recon_record WHERE import_id = ? ORDER BY line_no")
                .param(result.id()).query(String.class).list())
                .containsExactlyElementsOf(transactionIds(bill));
        assertThat(jdbc().sql("SELECT imported_by FROM recon_import WHERE id = ?").param(result.id())
                .query(String.class).single()).isEqualTo("channel-api:wechatpay");
    }

    @Test
    void aFileWhoseHashIsNotTheAnnouncedOneIsRejectedAndNothingIsStored() {
        LocalDate day = LocalDate.of(2025, 3, 22);
        byte[] bill = billOf(day);
        String announced = "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12";
        announce(day, announced, wechat.baseUrl() + DOWNLOAD + "?token=t22");
        wechat.stubFor(get(urlPathEqualTo(DOWNLOAD)).willReturn(aResponse().withStatus(200).withBody(bill)));

        assertThatThrownBy(() -> bills(false, Clock.systemUTC()).importBill(day))
                .isInstanceOf(ChannelApiException.class)
                .hasMessageContaining("WeChat Pay trade bill of 2025-03-22")
                .hasMessageContaining("SHA-1 " + sha1(bill))
                .hasMessageContaining("announced " + announced)
                .hasMessageContaining("nothing was imported");

        assertThat(jdbc().sql("SELECT COUNT(*) FROM recon_import WHERE file_name = 'wechatpay_tradebill_ALL_20250322.csv'")
                .query(Long.class).single()).isZero();
        assertThat(jdbc().sql("SELECT COUNT(*) FROM recon_record WHERE source = 'wechatpay' AND business_date = ?")
                .param(day).query(Long.class).single()).isZero();
    }

    @Test
    void aGzipBodyDeclaredByContentEncodingIsUnpackedAndItsContentVerified() {
        LocalDate day = LocalDate.of(2025, 3, 23);
        byte[] bill = billOf(day);
        announce(day, sha1(bill), wechat.baseUrl() + DOWNLOAD + "?token=t23");
        wechat.stubFor(get(urlPathEqualTo(DOWNLOAD)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Encoding", "gzip").withBody(gzip(bill))));

        ImportResult result = bills(true, Clock.systemUTC()).importBill(day);

        wechat.verify(1, getRequestedFor(urlPathEqualTo(BILL)).withQueryParam("tar_type", equalTo("GZIP")));
        assertThat(result.rowsAccepted()).isEqualTo(14);
    }

    @Test
    void aGzipFileRecognisedByItsMagicBytesIsUnpackedToo() {
        LocalDate day = LocalDate.of(2025, 3, 24);
        byte[] bill = billOf(day);
        announce(day, sha1(bill), wechat.baseUrl() + DOWNLOAD + "?token=t24");
        wechat.stubFor(get(urlPathEqualTo(DOWNLOAD)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/octet-stream").withBody(gzip(bill))));

        ImportResult result = bills(true, Clock.systemUTC()).importBill(day);

        assertThat(result.rowsAccepted()).isEqualTo(14);
        assertThat(result.fileName()).isEqualTo("wechatpay_tradebill_ALL_20250324.csv");
    }

    @Test
    void aDownloadUrlOnAnotherHostIsRefusedWithoutSendingTheToken() {
        LocalDate day = LocalDate.of(2025, 3, 25);
        String elsewhere = wechat.baseUrl().replace("localhost", "127.0.0.1") + DOWNLOAD + "?token=t25";
        announce(day, sha1(billOf(day)), elsewhere);

        assertThatThrownBy(() -> bills(false, Clock.systemUTC()).importBill(day))
                .isInstanceOf(ChannelApiException.class)
                .hasMessageContaining("WeChat Pay trade bill of 2025-03-25")
                .hasMessageContaining(elsewhere)
                .hasMessageContaining("not on http://localhost:");
        wechat.verify(0, getRequestedFor(urlPathEqualTo(DOWNLOAD)));
    }

    @Test
    void yesterdaysBillIsFetchedOnceItIsAvailableAndOnlyOnce() {
        LocalDate day = LocalDate.of(2025, 3, 26);
        byte[] bill = billOf(day);
        announce(day, sha1(bill), wechat.baseUrl() + DOWNLOAD + "?token=t26");
        wechat.stubFor(get(urlPathEqualTo(DOWNLOAD)).willReturn(aResponse().withStatus(200).withBody(bill)));

        Clock nineInTheMorning = Clock.fixed(Instant.parse("2025-03-27T01:00:00Z"), SHANGHAI);
        assertThat(bills(false, nineInTheMorning).importPreviousDay()).isNull();
        wechat.verify(0, getRequestedFor(urlPathEqualTo(BILL)));

        Clock elevenInTheMorning = Clock.fixed(Instant.parse("2025-03-27T03:00:00Z"), SHANGHAI);
        assertThat(bills(false, elevenInTheMorning).importPreviousDay().rowsAccepted()).isEqualTo(14);
        assertThat(bills(false, elevenInTheMorning).importPreviousDay()).isNull();
        wechat.verify(1, getRequestedFor(urlPathEqualTo(BILL)));
    }

    private WechatPayBills bills(boolean gzip, Clock clock) {
        var settings = new ChannelApiProperties.WechatPay(URI.create(wechat.baseUrl()), null, "ALL", gzip,
                Duration.ofHours(1), LocalTime.of(10, 0));
        HttpFetcher http = HttpFetcher.of(new ChannelApiProperties.Http(3, Duration.ofMillis(50), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofSeconds(10)), clock);
        return new WechatPayBills(settings, new BearerToken(TOKEN)::headerValue, http, imports, jdbc(), clock,
                SHANGHAI);
    }

    private static void announce(LocalDate day, String sha1, String downloadUrl) {
        wechat.stubFor(get(urlPathEqualTo(BILL)).withQueryParam("bill_date", equalTo(day.toString()))
                .willReturn(okJson("""
                        {"hash_type":"SHA1","hash_value":"%s","download_url":"%s"}""".formatted(sha1, downloadUrl))));
    }

    /** The sample bill moved to the given day, its ids made that day's too. */
    private static byte[] billOf(LocalDate day) {
        try (InputStream in = WechatPayBillsTest.class.getResourceAsStream(SAMPLE)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("2026-11-20", day.toString())
                    .replace("20261120", day.toString().replace("-", ""));
            return text.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> transactionIds(byte[] bill) {
        return Arrays.stream(new String(bill, StandardCharsets.UTF_8).split("\r?\n"))
                .filter(line -> line.startsWith("`"))
                .map(line -> line.split(","))
                .filter(cells -> cells.length == 27)
                .map(cells -> cells[5].substring(1))
                .toList();
    }

    private static String sha1(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gzip(byte[] content) {
        var out = new ByteArrayOutputStream();
        try (var zip = new GZIPOutputStream(out)) {
            zip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
