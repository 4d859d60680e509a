package com.reconflow.archive;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import com.reconflow.config.Digests;

/**
 * The hashes that chain the archives. An archive's record hash covers its place in the chain, its
 * run and day, when it was archived, its workbook's SHA-256 and the hash of the archive before; it
 * is printed on the voucher, so the voucher cannot also be inside it. The chain hash then seals the
 * record hash together with the voucher's SHA-256, and is what the next archive links to: changing
 * any stored byte or field of an archive breaks its own hashes or the next archive's link.
 * The texts hashed are fixed here and must never change, or every archive written before fails.
 */
final class ArchiveHashes {

    private ArchiveHashes() {
    }

    /** Archive times are kept to the second: MySQL's connection drops fractions, and the hash must survive the trip. */
    static Instant archiveTime(Instant now) {
        return now.truncatedTo(ChronoUnit.SECONDS);
    }

    static String recordHash(long seq, long runId, LocalDate businessDate, Instant archivedAt, String reportSha256,
                             String prevHash) {
        return sha256("reconflow-archive-record-v1\n"
                + "seq=" + seq + "\n"
                + "run=" + runId + "\n"
                + "businessDate=" + businessDate + "\n"
                + "archivedAt=" + archivedAt + "\n"
                + "report=" + reportSha256 + "\n"
                + "prev=" + (prevHash == null ? "" : prevHash) + "\n");
    }

    static String chainHash(String recordHash, String voucherSha256) {
        return sha256("reconflow-archive-chain-v1\n"
                + "record=" + recordHash + "\n"
                + "voucher=" + voucherSha256 + "\n");
    }

    private static String sha256(String text) {
        return Digests.sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
