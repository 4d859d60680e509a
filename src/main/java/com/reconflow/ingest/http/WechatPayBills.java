package com.reconflow.ingest.http;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.reconflow.ingest.DuplicateImportException;
import com.reconflow.ingest.FileRejectedException;
import com.reconflow.ingest.ImportRequest;
import com.reconflow.ingest.ImportResult;
import com.reconflow.ingest.ImportService;
import com.reconflow.ingest.SpooledFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Downloads a day's WeChat Pay trade bill: {@code GET /v3/bill/tradebill} names the file and its
 * SHA-1, the file is streamed to disk (gunzipped when it comes compressed) while its SHA-1 is computed,
 * and only a file whose hash is the announced one is imported, as source {@code wechatpay}.
 */
public class WechatPayBills {

    static final String SOURCE = "wechatpay";
    static final String IMPORTED_BY = "channel-api:wechatpay";
    private static final Logger log = LoggerFactory.getLogger(WechatPayBills.class);
    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChannelApiProperties.WechatPay settings;
    private final WechatPayAuthorization authorization;
    private final HttpFetcher http;
    private final ImportService imports;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ZoneId zone;

    /** {@code authorization} null: not configured, nothing is downloaded. */
    WechatPayBills(ChannelApiProperties.WechatPay settings, WechatPayAuthorization authorization, HttpFetcher http,
                   ImportService imports, JdbcClient jdbc, Clock clock, ZoneId zone) {
        this.settings = settings;
        this.authorization = authorization;
        this.http = http;
        this.imports = imports;
        this.jdbc = jdbc;
        this.clock = clock;
        this.zone = zone;
    }

    public boolean enabled() {
        return authorization != null;
    }

    /**
     * Called by the {@code wechatpay-tradebill} route: imports yesterday's bill once it is available
     * (WeChat Pay prepares it in the morning) and unless it was imported already.
     *
     * @return the import, or null when there was nothing to do
     */
    public ImportResult importPreviousDay() {
        if (!enabled()) {
            return null;
        }
        ZonedDateTime now = clock.instant().atZone(zone);
        if (now.toLocalTime().isBefore(settings.availableAfter())) {
            return null;
        }
        LocalDate day = now.toLocalDate().minusDays(1);
        if (alreadyImported(day)) {
            return null;
        }
        try {
            return importBill(day);
        } catch (DuplicateImportException sameBytes) {
            log.info("WeChat Pay trade bill of {}: {}", day, sameBytes.getMessage());
        } catch (ChannelApiException | FileRejectedException e) {
            log.warn("{}; it is asked for again at the next period", e.getMessage());
        }
        return null;
    }

    /**
     * Downloads, verifies and imports the bill of one day.
     *
     * @throws ChannelApiException when the API refuses or fails, or the file is not the announced one;
     *                             nothing is imported
     * @throws DuplicateImportException when exactly this file was imported before
     */
    public ImportResult importBill(LocalDate billDate) {
        if (!enabled()) {
            throw new IllegalStateException("WeChat Pay bill download is not configured: set the environment "
                    + "variable named by recon.channel-api.wechatpay.token-variable, or provide a "
                    + "WechatPayAuthorization bean");
        }
        String caller = "WeChat Pay trade bill of " + billDate;
        URI billUri = billUri(billDate);
        JsonNode bill = http.get(caller, billUri, authorization, response -> JSON.readTree(response.body()));
        String hashType = text(bill, "hash_type");
        String expected = text(bill, "hash_value");
        URI download = downloadUri(caller, billUri, text(bill, "download_url"));
        if (!"SHA1".equalsIgnoreCase(hashType)) {
            throw new ChannelApiException(caller + ": GET " + billUri + " announced hash_type '" + hashType
                    + "', expected SHA1; nothing was imported");
        }
        if (expected.isEmpty()) {
            throw new ChannelApiException(caller + ": GET " + billUri + " announced no hash_value; nothing was imported");
        }

        try (SpooledFile spool = SpooledFile.create("wechatpay-bill")) {
            Path file = spool.path();
            String actual = http.get(caller, download, authorization, response -> saveAndHash(response, file));
            if (!actual.equalsIgnoreCase(expected)) {
                throw new ChannelApiException(caller + ": the downloaded file has SHA-1 " + actual
                        + " but WeChat Pay announced " + expected.toLowerCase(Locale.ROOT)
                        + "; the download is incomplete or altered, nothing was imported");
            }
            String fileName = "wechatpay_tradebill_" + settings.billType() + "_" + FILE_DATE.format(billDate) + ".csv";
            ImportResult result = imports.importFile(new ImportRequest(SOURCE, fileName, file, null, billDate,
                    IMPORTED_BY));
            log.info("{}: imported as #{} ({} rows)", caller, result.id(), result.rowsAccepted());
            return result;
        }
    }

    URI billUri(LocalDate billDate) {
        String base = settings.baseUrl().toString().replaceAll("/+$", "");
        return URI.create(base + "/v3/bill/tradebill?bill_date=" + billDate + "&bill_type=" + settings.billType()
                + (settings.gzip() ? "&tar_type=GZIP" : ""));
    }

    /**
     * The file must come from the API's own host: the Authorization header goes with the request
     * and must never be handed to another server.
     */
    private URI downloadUri(String caller, URI billUri, String downloadUrl) {
        URI uri;
        try {
            uri = new URI(downloadUrl);
        } catch (URISyntaxException e) {
            uri = null;
        }
        URI base = settings.baseUrl();
        if (uri == null || !uri.isAbsolute() || !base.getScheme().equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null || !uri.getHost().equalsIgnoreCase(base.getHost()) || port(uri) != port(base)) {
            throw new ChannelApiException(caller + ": GET " + billUri + " gave download_url '" + downloadUrl
                    + "', which is not on " + base.getScheme() + "://" + base.getAuthority()
                    + "; not downloaded, nothing was imported");
        }
        return uri;
    }

    /** Streams the body to the file, gunzipping it when it is gzip, and returns the SHA-1 of what was written. */
    private static String saveAndHash(HttpResponse<InputStream> response, Path file) throws IOException {
        InputStream in = new BufferedInputStream(response.body());
        boolean encoded = response.headers().firstValue("Content-Encoding")
                .filter(e -> e.strip().equalsIgnoreCase("gzip")).isPresent();
        if (encoded) {
            in = new BufferedInputStream(new GZIPInputStream(in));
        }
        // tar_type=GZIP: the bill itself is a .gzip file, whatever the transfer encoding was.
        if (startsWithGzipMagic(in)) {
            in = new BufferedInputStream(new GZIPInputStream(in));
        }
        DigestInputStream digesting = new DigestInputStream(in, sha1());
        Files.copy(digesting, file, StandardCopyOption.REPLACE_EXISTING);
        return HexFormat.of().formatHex(digesting.getMessageDigest().digest());
    }

    private static boolean startsWithGzipMagic(InputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b;
    }

    private boolean alreadyImported(LocalDate day) {
        String fileName = "wechatpay_tradebill_" + settings.billType() + "_" + FILE_DATE.format(day) + ".csv";
        return jdbc.sql("SELECT COUNT(*) FROM recon_import WHERE source = ? AND file_name = ?")
                .params(SOURCE, fileName).query(Long.class).single() > 0;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText().strip() : "";
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }


}
