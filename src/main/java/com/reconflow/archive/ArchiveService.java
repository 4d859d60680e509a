package com.reconflow.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.reconflow.config.Digests;
import com.reconflow.run.Run;
import com.reconflow.run.RunService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Closes a run: writes its workbook and its voucher and appends them to the archive chain, then
 * marks the run archived, all in one transaction. Archiving runs as a Camunda job that may run
 * again after a failure; a run archived once is never archived again, so a retry adds nothing.
 */
@Service
public class ArchiveService {

    private static final Logger log = LoggerFactory.getLogger(ArchiveService.class);

    private final RunService runs;
    private final ArchiveRepository archives;
    private final VoucherWriter voucherWriter;
    private final IdentityService identityService;
    private final Clock clock;
    private final ReportWriter reportWriter = new ReportWriter();

    ArchiveService(RunService runs, ArchiveRepository archives, VoucherWriter voucherWriter,
                   IdentityService identityService, Clock clock) {
        this.runs = runs;
        this.archives = archives;
        this.voucherWriter = voucherWriter;
        this.identityService = identityService;
        this.clock = clock;
    }

    /**
     * Archives the run once. The run's row is locked first, so that two attempts at the same run (a
     * job retried on another node while the first still runs) queue, and the second finds it done.
     * The workbook is written before the chain's head is locked: a big day's workbook takes a while,
     * and other nodes' archives need not wait for it.
     */
    @Transactional
    public void archive(long runId) {
        if (!archives.lockRun(runId)) {
            throw new IllegalStateException("no run #" + runId);
        }
        Run run = runs.find(runId).orElseThrow();
        if (archives.exists(runId)) {
            // A retry after the archive committed (the job's completion was lost): nothing to add.
            log.info("Run #{} for {} is archived already", runId, run.businessDate());
            return;
        }
        Instant archivedAt = ArchiveHashes.archiveTime(clock.instant());
        ReconciliationReport report = report(run, archivedAt);
        Path workbook = null;
        try {
            workbook = Files.createTempFile("reconflow-run-" + runId + "-", ".xlsx");
            String reportSha256 = writeWorkbook(report, workbook);

            ArchiveRepository.ChainHead head = archives.lockChainHead();
            long seq = head.lastSeq() + 1;
            String recordHash = ArchiveHashes.recordHash(seq, runId, run.businessDate(), archivedAt, reportSha256,
                    head.lastHash());
            byte[] voucher = voucherWriter.write(new Voucher(report, seq, reportSha256, head.lastHash(), recordHash));
            String voucherSha256 = Digests.sha256Hex(voucher);
            String chainHash = ArchiveHashes.chainHash(recordHash, voucherSha256);
            archives.append(new ArchiveRepository.NewArchive(runId, run.businessDate(), archivedAt, workbook,
                    reportSha256, voucher, voucherSha256, seq, head.lastHash(), recordHash, chainHash), clock.instant());
            runs.markArchived(runId);
            log.info("Run #{} for {} archived as #{} of the chain: workbook {} bytes, voucher {} bytes", runId,
                    run.businessDate(), seq, Files.size(workbook), voucher.length);
        } catch (IOException e) {
            throw new UncheckedIOException("run #" + runId + " could not be archived", e);
        } finally {
            deleteQuietly(workbook);
        }
    }

    /** The run's workbook, read from the database as the stream is read. */
    public Optional<InputStream> report(long runId) {
        return archives.report(runId);
    }

    /** Empty when the run is not archived, or was archived before vouchers were written. */
    public Optional<byte[]> voucher(long runId) {
        return archives.voucher(runId);
    }

    public boolean isArchived(long runId) {
        return archives.exists(runId);
    }

    private ReconciliationReport report(Run run, Instant archivedAt) {
        long runId = run.id();
        return new ReconciliationReport(runId, run.businessDate(), run.sources(), archives.rulesVersion(runId),
                runs.counts(run), archives.sourceTotals(run.businessDate()), archives.discrepancyTotals(runId),
                archives.decisionTotals(runId), people(archives.deciders(runId)), people(archives.approvers(runId)),
                archivedAt.atZone(clock.getZone()));
    }

    /** The workbook into the file, hashed as it is written. */
    private String writeWorkbook(ReconciliationReport report, Path file) throws IOException {
        MessageDigest sha256 = sha256();
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha256)) {
            reportWriter.write(report, archives.rows(report.runId(), report.businessDate()), out);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** User ids with the names Camunda knows them by, as Tasklist shows them ("finance (Fang Li)"). */
    private List<String> people(List<String> ids) {
        if (ids.isEmpty()) {
            return ids;
        }
        Map<String, User> users = identityService.createUserQuery().userIdIn(ids.toArray(String[]::new)).list()
                .stream().collect(Collectors.toMap(User::getId, u -> u));
        return ids.stream().map(id -> {
            User user = users.get(id);
            String name = user == null ? "" : String.join(" ",
                    Stream.of(user.getFirstName(), user.getLastName())
                            .filter(s -> s != null && !s.isBlank()).toList());
            return name.isEmpty() ? id : id + " (" + name + ")";
        }).toList();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("Could not delete {}: {}", file, e.getMessage());
            }
        }
    }
}
