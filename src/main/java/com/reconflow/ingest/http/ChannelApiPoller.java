package com.reconflow.ingest.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.reconflow.ingest.DuplicateImportException;
import com.reconflow.ingest.ImportRequest;
import com.reconflow.ingest.ImportResult;
import com.reconflow.ingest.ImportService;
import com.reconflow.ingest.SpooledFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Polls one connector: claims it for this node, asks for everything since the stored mark page after
 * page, writes the items into one {@code channel-orders} file and imports it; the import and the new
 * mark are committed together. Orders seen before (the overlap of two polls) are dropped by the
 * import's natural-key dedupe. A failed poll imports nothing and leaves the mark where it was.
 */
final class ChannelApiPoller {

    private static final Logger log = LoggerFactory.getLogger(ChannelApiPoller.class);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss");
    static final String FORMAT = "channel-orders";

    /** Amounts exactly as written: 0.10 stays 0.10, never a binary double. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .build();

    private final ChannelApiConnector connector;
    private final HttpFetcher http;
    private final ImportService imports;
    private final ChannelApiProgress progress;
    private final TransactionOperations transaction;
    private final Clock clock;
    private final ZoneId zone;
    private final String node;
    private final Duration claimTimeout;

    ChannelApiPoller(ChannelApiConnector connector, HttpFetcher http, ImportService imports,
                     ChannelApiProgress progress, TransactionOperations transaction, Clock clock, ZoneId zone,
                     String node, Duration claimTimeout) {
        this.connector = connector;
        this.http = http;
        this.imports = imports;
        this.progress = progress;
        this.transaction = transaction;
        this.clock = clock;
        this.zone = zone;
        this.node = node;
        this.claimTimeout = claimTimeout;
    }

    String connectorId() {
        return connector.id();
    }

    /**
     * @return the poll, or empty when another node is polling this connector right now
     * @throws ChannelApiException when the API fails or refuses; nothing is imported, the mark stays
     * @throws com.reconflow.ingest.FileRejectedException when no item could be read as an order
     */
    Optional<PollResult> poll() {
        Instant started = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (!progress.claim(connector.id(), node, started, started.plus(claimTimeout))) {
            log.debug("{}: another node is polling it; skipped", connector.caller());
            return Optional.empty();
        }
        try {
            return Optional.of(pollClaimed(started));
        } catch (RuntimeException e) {
            progress.fail(connector.id(), node, e.getMessage());
            throw e;
        }
    }

    private PollResult pollClaimed(Instant started) {
        var settings = connector.settings();
        Instant since = progress.sinceMark(connector.id()).orElse(started.minus(settings.initialLookback()));
        // The API's clock and late commits: the next poll asks again for the last minutes before this one.
        Instant next = max(since, started.minus(settings.overlap()));
        try (SpooledFile spool = SpooledFile.create(connector.id())) {
            Path file = spool.path();
            Fetched fetched = fetchInto(file, since);
            if (fetched.items() == 0) {
                progress.complete(connector.id(), node, next, null, clock.instant());
                log.info("{}: no orders since {}", connector.caller(), formatSince(since));
                return new PollResult(connector.id(), since, fetched.pages(), 0, null, null, next);
            }
            String fileName = connector.id() + "_" + FILE_TIME.format(started.atZone(zone)) + ".csv";
            ImportRequest request = new ImportRequest(settings.source(), fileName, file, FORMAT, null,
                    connector.importedBy());
            try {
                ImportResult imported = transaction.execute(status -> {
                    ImportResult result = imports.importFile(request);
                    progress.complete(connector.id(), node, next, result.id(), clock.instant());
                    return result;
                });
                return new PollResult(connector.id(), since, fetched.pages(), fetched.items(), imported, null, next);
            } catch (DuplicateImportException sameBytes) {
                progress.complete(connector.id(), node, next, sameBytes.earlierImportId(), clock.instant());
                log.info("{}: {}", connector.caller(), sameBytes.getMessage());
                return new PollResult(connector.id(), since, fetched.pages(), fetched.items(), null,
                        sameBytes.earlierImportId(), next);
            }
        }
    }

    private record Fetched(int pages, long items) {
    }

    /** Page after page into the file; only the current page is ever in memory. */
    private Fetched fetchInto(Path file, Instant since) {
        var settings = connector.settings();
        String cursor = null;
        Set<String> cursorsSeen = new HashSet<>();
        int pages = 0;
        try (ChannelOrdersCsv out = ChannelOrdersCsv.create(file, settings.fields(), zone)) {
            do {
                URI uri = pageUri(since, cursor);
                JsonNode page = http.get(connector.caller(), uri, connector.authorization(),
                        response -> JSON.readTree(response.body()));
                pages++;
                JsonNode items = page.at(settings.itemsPointer());
                if (!items.isArray() && !items.isNull()) {
                    throw new ChannelApiException(connector.caller() + ": the answer to GET " + uri
                            + " has no array of items at " + settings.itemsPointer());
                }
                items.forEach(out::write);
                cursor = cursorOf(page);
                if (cursor != null && !cursorsSeen.add(cursor)) {
                    throw new ChannelApiException(connector.caller() + ": GET " + uri + " returned cursor '"
                            + cursor + "' a second time; paging would never end");
                }
            } while (cursor != null);
            return new Fetched(pages, out.rows());
        } catch (IOException e) {
            throw new UncheckedIOException(connector.caller() + ": cannot write the order file " + file, e);
        }
    }

    private String cursorOf(JsonNode page) {
        JsonNode next = page.at(connector.settings().cursorField());
        if (next.isMissingNode() || next.isNull()) {
            return null;
        }
        String text = next.asText();
        return text.isBlank() ? null : text;
    }

    URI pageUri(Instant since, String cursor) {
        var s = connector.settings();
        StringBuilder query = new StringBuilder()
                .append(param(s.pageSizeParam(), String.valueOf(s.pageSize())))
                .append('&').append(param(s.sinceParam(), formatSince(since)));
        if (cursor != null) {
            query.append('&').append(param(s.cursorParam(), cursor));
        }
        String base = s.baseUrl().toString().replaceAll("/+$", "");
        String path = s.path().isEmpty() || s.path().startsWith("/") ? s.path() : "/" + s.path();
        return URI.create(base + path + (path.contains("?") ? "&" : "?") + query);
    }

    /** ISO-8601 with the business zone's offset, to the second: {@code 2026-11-20T13:45:00+08:00}. */
    String formatSince(Instant since) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(since.truncatedTo(ChronoUnit.SECONDS).atZone(zone));
    }

    private static String param(String name, String value) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }


}
