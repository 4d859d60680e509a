package com.reconflow.archive;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.reconflow.config.Db;
import com.reconflow.config.Digests;
import com.reconflow.support.Api;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The archive chain on a shared database: appends from many transactions at once (as from several
 * nodes) never fork it, a retried archive adds nothing, and a changed byte or hash is found at the
 * first archive it breaks. Tampering happens in a transaction that is rolled back, with the check
 * run inside it, so the shared chain stays whole for every other test; one tampering is committed
 * and undone to go through the HTTP endpoint.
 */
interface ArchiveChain {

    TestRestTemplate rest();

    JdbcClient jdbc();

    ArchiveService archiveService();

    ArchiveVerifier verifier();

    PlatformTransactionManager transactionManager();

    @Test
    default void runsArchivedAtTheSameMomentQueueIntoOneChainWithoutAFork() throws Exception {
        var fixture = new ArchiveFixture(jdbc());
        List<Long> runs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            runs.add(fixture.plainDay(LocalDate.of(2023, 4, 10 + i)));
        }
        long before = chainLength();

        CyclicBarrier start = new CyclicBarrier(runs.size());
        ExecutorService nodes = Executors.newFixedThreadPool(runs.size());
        try {
            List<Future<Void>> archived = new ArrayList<>();
            for (long run : runs) {
                archived.add(nodes.submit((Callable<Void>) () -> {
                    start.await();
                    archiveService().archive(run);
                    return null;
                }));
            }
            for (Future<Void> f : archived) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            nodes.shutdownNow();
        }

        List<Map<String, Object>> links = jdbc().sql("SELECT chain_seq, prev_hash, chain_hash FROM recon_archive "
                + "WHERE chain_seq > ? ORDER BY chain_seq").param(before).query().listOfRows();
        assertThat(links).extracting(l -> ((Number) l.get("CHAIN_SEQ")).longValue())
                .containsExactly(before + 1, before + 2, before + 3, before + 4, before + 5, before + 6);
        for (int i = 1; i < links.size(); i++) {
            assertThat(links.get(i).get("PREV_HASH")).as("link %d", i).isEqualTo(links.get(i - 1).get("CHAIN_HASH"));
        }
        assertThat(new HashSet<>(links.stream().map(l -> l.get("PREV_HASH")).toList())).hasSize(6);
        var verification = verifier().verify();
        assertThat(verification.ok()).as(String.valueOf(verification.firstBroken())).isTrue();
        assertThat(verification.chained()).isEqualTo(before + 6);
    }

    @Test
    default void anArchiveRetriedAfterItCommittedAddsNoSecondRecordNorLink() {
        long run = new ArchiveFixture(jdbc()).plainDay(LocalDate.of(2023, 4, 20));
        archiveService().archive(run);
        long length = chainLength();
        String head = chainHeadHash();

        archiveService().archive(run);

        assertThat(jdbc().sql("SELECT COUNT(*) FROM recon_archive WHERE run_id = ?").param(run).query(Long.class)
                .single()).isEqualTo(1);
        assertThat(chainLength()).isEqualTo(length);
        assertThat(chainHeadHash()).isEqualTo(head);
        assertThat(verifier().verify().ok()).isTrue();
    }

    @Test
    default void anArchiveThatFailedBeforeItsTransactionCommittedLeavesNothingAndIsArchivedOnceByTheRetry() {
        long run = new ArchiveFixture(jdbc()).plainDay(LocalDate.of(2023, 4, 21));
        long length = chainLength();
        var job = new TransactionTemplate(transactionManager());

        assertThatThrownBy(() -> job.executeWithoutResult(tx -> {
            archiveService().archive(run);
            throw new IllegalStateException("the node died before the job's transaction committed");
        })).hasMessageContaining("node died");
        assertThat(jdbc().sql("SELECT COUNT(*) FROM recon_archive WHERE run_id = ?").param(run).query(Long.class)
                .single()).isZero();
        assertThat(chainLength()).isEqualTo(length);
        assertThat(jdbc().sql("SELECT status FROM recon_run WHERE id = ?").param(run).query(String.class).single())
                .isEqualTo("IN_REVIEW");

        job.executeWithoutResult(tx -> archiveService().archive(run));

        assertThat(jdbc().sql("SELECT chain_seq FROM recon_archive WHERE run_id = ?").param(run).query(Long.class)
                .single()).isEqualTo(length + 1);
        assertThat(jdbc().sql("SELECT status FROM recon_run WHERE id = ?").param(run).query(String.class).single())
                .isEqualTo("ARCHIVED");
    }

    @Test
    default void aChangedByteOrHashIsReportedAtTheFirstArchiveItBreaks() {
        var fixture = new ArchiveFixture(jdbc());
        long first = fixture.plainDay(LocalDate.of(2023, 4, 24));
        long middle = fixture.plainDay(LocalDate.of(2023, 4, 25));
        long last = fixture.plainDay(LocalDate.of(2023, 4, 26));
        archiveService().archive(first);
        archiveService().archive(middle);
        archiveService().archive(last);
        assertThat(verifier().verify().ok()).isTrue();

        assertBroken(middle, "report hash differs", () -> flipFirstByte(middle, "report_xlsx"));
        assertBroken(middle, "report hash differs", () -> jdbc().sql(
                "UPDATE recon_archive SET report_sha256 = ? WHERE run_id = ?").params("0".repeat(64), middle).update());
        assertThat(jdbc().sql("SELECT COUNT(*) FROM recon_archive_report_part WHERE run_id = ?").param(middle)
                .query(Long.class).single()).as("the workbook's parts after the first").isPositive();
        assertBroken(middle, "report hash differs", () -> {
            byte[] part = jdbc().sql("SELECT content FROM recon_archive_report_part WHERE run_id = ? AND part_no = 1")
                    .param(middle).query(byte[].class).single();
            part[part.length - 1] ^= 0x01;
            jdbc().sql("UPDATE recon_archive_report_part SET content = ? WHERE run_id = ? AND part_no = 1")
                    .params(part, middle).update();
        });
        assertBroken(middle, "report hash differs", () -> jdbc().sql(
                "DELETE FROM recon_archive_report_part WHERE run_id = ? AND part_no = (SELECT MAX(part_no) FROM "
                        + "recon_archive_report_part WHERE run_id = ?)").params(middle, middle).update());
        assertBroken(middle, "voucher hash differs", () -> flipFirstByte(middle, "voucher_pdf"));
        assertBroken(middle, "record hash differs", () -> jdbc().sql(
                "UPDATE recon_archive SET business_date = ? WHERE run_id = ?")
                .params(LocalDate.of(2023, 4, 27), middle).update());
        assertBroken(middle, "chain hash differs", () -> jdbc().sql(
                "UPDATE recon_archive SET chain_hash = ? WHERE run_id = ?").params("1".repeat(64), middle).update());
        // Whoever changes an archive and computes its hashes anew is caught by the next archive's link.
        assertBroken(last, "previous hash differs", () -> {
            flipFirstByte(middle, "report_xlsx");
            Forged forged = jdbc().sql("SELECT chain_seq, business_date, created_at, prev_hash, voucher_sha256, "
                    + "report_xlsx FROM recon_archive WHERE run_id = ?").param(middle)
                    .query((rs, n) -> new Forged(rs.getLong(1), rs.getObject(2, LocalDate.class),
                            Db.instant(rs.getObject(3, LocalDateTime.class)), rs.getString(4), rs.getString(5),
                            workbookSha256(rs.getBytes(6), middle))).single();
            String record = ArchiveHashes.recordHash(forged.seq(), middle, forged.businessDate(), forged.archivedAt(),
                    forged.report(), forged.prevHash());
            jdbc().sql("UPDATE recon_archive SET report_sha256 = ?, record_hash = ?, chain_hash = ? WHERE run_id = ?")
                    .params(forged.report(), record, ArchiveHashes.chainHash(record, forged.voucher()), middle)
                    .update();
        });
        assertBroken(last, "the chain's head is at", () -> jdbc().sql(
                "UPDATE recon_archive_chain SET last_seq = last_seq + 1 WHERE id = 1").update());

        // The same through the endpoint, committed and then undone.
        flipFirstByte(middle, "report_xlsx");
        try {
            Map<String, Object> verified = Api.as(rest(), "auditor").getJson("/api/archive/verify");
            assertThat(verified).containsEntry("ok", false);
            @SuppressWarnings("unchecked")
            Map<String, Object> broken = (Map<String, Object>) verified.get("firstBroken");
            assertThat(broken).containsEntry("runId", (int) middle).containsEntry("businessDate", "2023-04-25")
                    .containsEntry("reason", "report hash differs");
        } finally {
            flipFirstByte(middle, "report_xlsx");
        }
        assertThat(Api.as(rest(), "auditor").getJson("/api/archive/verify")).containsEntry("ok", true);
    }

    /** What a forger reads back to hash a changed workbook anew. */
    record Forged(long seq, LocalDate businessDate, Instant archivedAt, String prevHash, String voucher, String report) {
    }

    private void assertBroken(long runId, String reason, Runnable tamper) {
        new TransactionTemplate(transactionManager()).executeWithoutResult(tx -> {
            tamper.run();
            var verification = verifier().verify();
            tx.setRollbackOnly();
            assertThat(verification.ok()).as(reason).isFalse();
            assertThat(verification.firstBroken().runId()).as(reason).isEqualTo(runId);
            assertThat(verification.firstBroken().reason()).startsWith(reason);
        });
    }

    /** The SHA-256 of the whole workbook: its first part and the parts after it, in order. */
    private String workbookSha256(byte[] first, long runId) {
        var whole = new java.io.ByteArrayOutputStream();
        whole.writeBytes(first);
        jdbc().sql("SELECT content FROM recon_archive_report_part WHERE run_id = ? ORDER BY part_no").param(runId)
                .query(byte[].class).list().forEach(whole::writeBytes);
        return Digests.sha256Hex(whole.toByteArray());
    }

    private void flipFirstByte(long runId, String column) {
        byte[] bytes = jdbc().sql("SELECT " + column + " FROM recon_archive WHERE run_id = ?").param(runId)
                .query(byte[].class).single();
        bytes[0] ^= 0x01;
        jdbc().sql("UPDATE recon_archive SET " + column + " = ? WHERE run_id = ?").params(bytes, runId).update();
    }

    private long chainLength() {
        return jdbc().sql("SELECT last_seq FROM recon_archive_chain WHERE id = 1").query(Long.class).single();
    }

    private String chainHeadHash() {
        return jdbc().sql("SELECT last_hash FROM recon_archive_chain WHERE id = 1").query(String.class).single();
    }
}
