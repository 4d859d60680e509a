package com.reconflow.ingest;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.reconflow.config.Digests;
import com.reconflow.config.ReconProperties;
import com.reconflow.ingest.format.ChannelFile;
import com.reconflow.ingest.format.ChannelFileParser;
import com.reconflow.ingest.format.FormatDetector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way into ReconFlow's records, whatever delivered the file (inbox, SFTP, HTTP, upload).
 * A file is imported whole or not at all, and the same bytes are never imported twice.
 */
@Service
public class ImportService {

    private static final Logger log = LoggerFactory.getLogger(ImportService.class);
    private static final int MAX_KEY_LENGTH = 64;
    private static final int MAX_RAW_LINE_LENGTH = 4000;

    private final ImportRepository imports;
    private final FormatDetector formats;
    private final ReconProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ImportService(ImportRepository imports, FormatDetector formats, ReconProperties properties,
                  ApplicationEventPublisher events, Clock clock) {
        this.imports = imports;
        this.formats = formats;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Imports one file.
     *
     * @throws FileRejectedException when the file as a whole is invalid; nothing is stored
     * @throws DuplicateImportException when the same bytes were imported before
     */
    @Transactional
    public ImportResult importFile(ImportRequest request) {
        String name = request.fileName();
        if (!properties.isKnownSource(request.source())) {
            throw new FileRejectedException("file " + name + ": unknown source '" + request.source()
                    + "'; configured sources are " + properties.sources());
        }
        if (request.content().length == 0) {
            throw new FileRejectedException("file " + name + " is empty");
        }
        String sha256 = Digests.sha256Hex(request.content());
        imports.findIdByContent(sha256).ifPresent(id -> {
            throw new DuplicateImportException(name, id);
        });

        ChannelFile file = new ChannelFile(name, request.content(), properties.zone());
        ChannelFileParser parser = request.format() == null || request.format().isBlank()
                ? formats.detect(file) : formats.byId(request.format());
        ParsedFile parsed = parser.parse(file);

        List<CanonicalRecord> records = new ArrayList<>();
        List<RowError> rejected = new ArrayList<>(parsed.rejectedRows());
        for (CanonicalRecord record : parsed.records()) {
            RowError tooLong = checkLengths(record);
            if (tooLong == null) {
                records.add(record);
            } else {
                rejected.add(tooLong);
            }
        }
        rejected.sort(Comparator.comparingInt(RowError::line));
        if (records.isEmpty()) {
            throw new FileRejectedException(rejected.isEmpty()
                    ? "file " + name + " contains no rows"
                    : "file " + name + ": no row could be read; first error at line " + rejected.get(0).line()
                      + (rejected.get(0).field() == null ? "" : ", field " + rejected.get(0).field())
                      + ": " + rejected.get(0).message());
        }

        LocalDate businessDate = request.businessDate() != null ? request.businessDate() : mostFrequentDate(records);
        ImportStatus status = rejected.isEmpty() ? ImportStatus.ACCEPTED : ImportStatus.ACCEPTED_WITH_REJECTIONS;
        long id;
        try {
            id = imports.insertImport(request, parser.formatId(), sha256, businessDate, status,
                    records.size(), rejected.size(), clock.instant());
        } catch (DuplicateKeyException raced) {
            // Another node imported the same bytes a moment ago.
            throw new DuplicateImportException(name, imports.findIdByContent(sha256).orElse(-1L));
        }
        imports.insertRecords(id, request.source(), parser.formatId(), records);
        imports.insertRejectedRows(id, rejected);

        Set<LocalDate> dates = records.stream().map(CanonicalRecord::businessDate)
                .collect(Collectors.toCollection(TreeSet::new));
        dates.add(businessDate);
        events.publishEvent(new RecordsImported(id, request.source(), dates));
        log.info("Imported {} from {} as #{} ({}): {} rows accepted, {} quarantined", name, request.source(), id,
                parser.formatId(), records.size(), rejected.size());
        return new ImportResult(id, request.source(), parser.formatId(), name, businessDate, status,
                records.size(), rejected.size(), rejected);
    }

    public Optional<ImportResult> find(long id) {
        return imports.find(id);
    }

    /** A value too long for its column must quarantine its row, not fail the whole import. */
    private static RowError checkLengths(CanonicalRecord r) {
        Map<String, String> keys = Map.of(
                "orderNo", nullToEmpty(r.orderNo()),
                "txnId", nullToEmpty(r.txnId()),
                "refundNo", nullToEmpty(r.refundNo()));
        for (var key : keys.entrySet()) {
            if (key.getValue().length() > MAX_KEY_LENGTH) {
                return new RowError(r.lineNo(), key.getKey(),
                        key.getKey() + " is longer than " + MAX_KEY_LENGTH + " characters", truncate(r.rawLine()));
            }
        }
        if (r.rawLine().length() > MAX_RAW_LINE_LENGTH) {
            return new RowError(r.lineNo(), null,
                    "line is longer than " + MAX_RAW_LINE_LENGTH + " characters", truncate(r.rawLine()));
        }
        return null;
    }

    private static LocalDate mostFrequentDate(List<CanonicalRecord> records) {
        return records.stream()
                .collect(Collectors.groupingBy(CanonicalRecord::businessDate, Collectors.counting()))
                .entrySet().stream()
                .max(Map.Entry.<LocalDate, Long>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey)
                .orElseThrow();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String truncate(String s) {
        return s == null || s.length() <= MAX_RAW_LINE_LENGTH ? s : s.substring(0, MAX_RAW_LINE_LENGTH);
    }
}
