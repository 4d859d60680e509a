package com.reconflow.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

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
     * Imports one file, streaming its rows into the database in batches within one transaction; the
     * file is read on a thread of its own meanwhile.
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
        if (request.correctsImportId() != null) {
            ImportResult corrected = imports.find(request.correctsImportId()).orElseThrow(() ->
                    new FileRejectedException("file " + name + " corrects import #" + request.correctsImportId()
                            + ", which does not exist"));
            if (!corrected.source().equals(request.source())) {
                throw new FileRejectedException("file " + name + " is for source " + request.source()
                        + " but corrects import #" + corrected.id() + " of source " + corrected.source());
            }
        }
        ChannelFile file = new ChannelFile(name, request.content(), properties.zone());
        if (file.size() == 0) {
            throw new FileRejectedException("file " + name + " is empty");
        }
        String sha256 = sha256(file);
        imports.findIdByContent(sha256).ifPresent(id -> {
            throw new DuplicateImportException(name, id);
        });
        ChannelFileParser parser = request.format() == null || request.format().isBlank()
                ? formats.detect(file) : formats.byId(request.format());

        long id;
        try {
            id = imports.insertImport(request, parser.formatId(), sha256, clock.instant());
        } catch (DuplicateKeyException raced) {
            // Another node imported the same bytes a moment ago.
            throw new DuplicateImportException(name, imports.findIdByContent(sha256).orElse(-1L));
        }
        ImportBatch batch;
        try (RecordWriter writer = imports.recordWriter(id, request.source(), parser.formatId())) {
            batch = new ImportBatch(imports, writer, id, request.source());
            ParseAhead.parse(name, sink -> parser.parse(file, sink), batch);
            batch.flush();
        }
        if (batch.accepted() == 0 && batch.duplicate() == 0) {
            RowError first = batch.listedErrors().isEmpty() ? null : batch.listedErrors().get(0);
            throw new FileRejectedException(first == null
                    ? "file " + name + " contains no rows"
                    : "file " + name + ": no row could be read; first error at line " + first.line()
                      + (first.field() == null ? "" : ", field " + first.field()) + ": " + first.message());
        }

        LocalDate businessDate = request.businessDate() != null ? request.businessDate()
                : mostFrequent(batch.recordsPerDay()).orElse(null);
        ImportStatus status = batch.rejected() == 0 ? ImportStatus.ACCEPTED : ImportStatus.ACCEPTED_WITH_REJECTIONS;
        imports.completeImport(id, businessDate, status, batch.accepted(), batch.rejected(), batch.duplicate(),
                batch.columnHeaders());

        Set<LocalDate> dates = new TreeSet<>(batch.recordsPerDay().keySet());
        if (businessDate != null) {
            dates.add(businessDate);
        }
        events.publishEvent(new RecordsImported(id, request.source(), dates));
        log.info("Imported {} from {} as #{} ({}): {} rows accepted, {} quarantined, {} already imported", name,
                request.source(), id, parser.formatId(), batch.accepted(), batch.rejected(), batch.duplicate());
        return new ImportResult(id, request.source(), parser.formatId(), name, businessDate, status,
                batch.accepted(), batch.rejected(), batch.duplicate(), batch.listedErrors(),
                request.correctsImportId(), List.of());
    }

    public Optional<ImportResult> find(long id) {
        return imports.find(id);
    }

    /** The day most of the file's records fall on; the later one on a tie. */
    private static Optional<LocalDate> mostFrequent(Map<LocalDate, Long> recordsPerDay) {
        return recordsPerDay.entrySet().stream()
                .max(Map.Entry.<LocalDate, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey);
    }

    private static String sha256(ChannelFile file) {
        try (InputStream in = file.open()) {
            return Digests.sha256Hex(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.fileName(), e);
        }
    }
}
