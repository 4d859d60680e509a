package com.reconflow.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
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
import org.springframework.beans.factory.ObjectProvider;
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
    private final List<RowIntake> intakes;

    ImportService(ImportRepository imports, FormatDetector formats, ReconProperties properties,
                  ApplicationEventPublisher events, Clock clock, ObjectProvider<RowIntake> intakes) {
        this.imports = imports;
        this.formats = formats;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
        this.intakes = intakes.orderedStream().toList();
        for (RowIntake intake : this.intakes) {
            if (formats.formatIds().contains(intake.formatId())) {
                throw new IllegalArgumentException("format id '" + intake.formatId() + "' is claimed twice");
            }
        }
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
        RowIntake intake = intake(request.format(), file);
        ChannelFileParser parser = intake != null ? null
                : request.format() == null || request.format().isBlank()
                ? formats.detect(file) : formats.byId(request.format());
        String formatId = intake != null ? intake.formatId() : parser.formatId();

        long id;
        try {
            id = imports.insertImport(request, formatId, sha256, clock.instant());
        } catch (DuplicateKeyException raced) {
            // Another node imported the same bytes a moment ago.
            throw new DuplicateImportException(name, imports.findIdByContent(sha256).orElse(-1L));
        }
        if (intake != null) {
            // Rows that are not records: no record writer; the batch only quarantines and keeps the header.
            ImportBatch quarantine = new ImportBatch(imports, null, id, request.source());
            RowIntake.Taken taken = intake.take(new RowIntake.Delivery(id, request.source(), name,
                    request.importedBy()), file, new RowIntake.Quarantine() {
                @Override
                public void reject(RowError error) {
                    quarantine.reject(error);
                }

                @Override
                public void columns(int line, List<String> names) {
                    quarantine.columns(line, names);
                }
            });
            quarantine.flush();
            return complete(request, id, formatId, taken.accepted(), quarantine.rejected(), taken.duplicate(),
                    quarantine.listedErrors(), taken.rowsPerDay(), quarantine.columnHeaders());
        }
        ImportBatch batch;
        try (RecordWriter writer = imports.recordWriter(id, request.source(), parser.formatId())) {
            batch = new ImportBatch(imports, writer, id, request.source());
            ParseAhead.parse(name, sink -> parser.parse(file, sink), batch);
            batch.flush();
        }
        return complete(request, id, formatId, batch.accepted(), batch.rejected(), batch.duplicate(),
                batch.listedErrors(), batch.recordsPerDay(), batch.columnHeaders());
    }

    /** Ends an import whose rows are written: rejected when none could be read, else counted and announced. */
    private ImportResult complete(ImportRequest request, long id, String formatId, long accepted, long rejected,
                                  long duplicate, List<RowError> listedErrors, Map<LocalDate, Long> rowsPerDay,
                                  String columnHeaders) {
        String name = request.fileName();
        if (accepted == 0 && duplicate == 0) {
            RowError first = listedErrors.isEmpty() ? null : listedErrors.get(0);
            throw new FileRejectedException(first == null
                    ? "file " + name + " contains no rows"
                    : "file " + name + ": no row could be read; first error at line " + first.line()
                      + (first.field() == null ? "" : ", field " + first.field()) + ": " + first.message());
        }

        LocalDate businessDate = request.businessDate() != null ? request.businessDate()
                : mostFrequent(rowsPerDay).orElse(null);
        ImportStatus status = rejected == 0 ? ImportStatus.ACCEPTED : ImportStatus.ACCEPTED_WITH_REJECTIONS;
        imports.completeImport(id, businessDate, status, accepted, rejected, duplicate, columnHeaders);

        Set<LocalDate> dates = new TreeSet<>(rowsPerDay.keySet());
        if (businessDate != null) {
            dates.add(businessDate);
        }
        events.publishEvent(new RecordsImported(id, request.source(), dates));
        log.info("Imported {} from {} as #{} ({}): {} rows accepted, {} quarantined, {} already imported", name,
                request.source(), id, formatId, accepted, rejected, duplicate);
        return new ImportResult(id, request.source(), formatId, name, businessDate, status,
                accepted, rejected, duplicate, List.copyOf(listedErrors), request.correctsImportId(), List.of());
    }

    /**
     * The intake of a layout whose rows are not records, when the file is one: named by {@code format}, or
     * recognised by its content. Null for the record layouts.
     */
    private RowIntake intake(String format, ChannelFile file) {
        if (format != null && !format.isBlank()) {
            RowIntake named = intakes.stream().filter(i -> i.formatId().equals(format)).findFirst().orElse(null);
            if (named == null && !formats.formatIds().contains(format)) {
                List<String> known = new ArrayList<>(formats.formatIds());
                intakes.forEach(i -> known.add(i.formatId()));
                throw new FileRejectedException("unknown format id '" + format + "' (known: "
                        + String.join(", ", known) + ")");
            }
            return named;
        }
        List<String> matches = new ArrayList<>(intakes.stream().filter(i -> i.recognises(file))
                .map(RowIntake::formatId).toList());
        if (matches.isEmpty()) {
            return null;
        }
        // A column mapping of the operator's could claim the same header: refuse to guess, as detection does.
        formats.formatIds().stream().filter(id -> formats.byId(id).recognises(file)).forEach(matches::add);
        if (matches.size() > 1) {
            throw new FileRejectedException("file " + file.fileName() + ": ambiguous layout, recognised as "
                    + String.join(", ", matches));
        }
        return intakes.stream().filter(i -> i.formatId().equals(matches.get(0))).findFirst().orElseThrow();
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
