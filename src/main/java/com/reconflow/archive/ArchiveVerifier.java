package com.reconflow.archive;

import java.time.LocalDate;
import java.util.Objects;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks the archive against itself: every stored file against its SHA-256, every record hash
 * against the fields it covers, every chain hash, every link to the archive before, and the chain's
 * head against its last archive (so that archives removed from the end are noticed too). Archives
 * written before the chain existed are checked against their workbook's SHA-256 only.
 */
@Service
public class ArchiveVerifier {

    private final ArchiveRepository archives;

    ArchiveVerifier(ArchiveRepository archives) {
        this.archives = archives;
    }

    /** The first archive found broken, and why. */
    public record Broken(long runId, LocalDate businessDate, Long seq, String reason) {
    }

    /**
     * @param records  archives checked (those before the chain included)
     * @param chained  archives in the chain
     * @param lastHash the chain hash of the last archive, to note down elsewhere: the chain proves
     *                 everything up to the hash one trusts
     */
    public record Verification(boolean ok, long records, long chained, String lastHash, Broken firstBroken) {
    }

    @Transactional(readOnly = true)
    public Verification verify() {
        // The head first: archives appended while this runs lie beyond it and are left for the next check.
        ArchiveRepository.ChainHead head = archives.chainHead();
        var walk = new Walk(archives);
        archives.unchained().forEach(walk::unchained);
        archives.chained(head.lastSeq()).forEach(walk::chained);
        if (walk.broken == null && (walk.seq != head.lastSeq() || !Objects.equals(walk.hash, head.lastHash()))) {
            String reason = "the chain's head is at #" + head.lastSeq() + " but its last archive is #" + walk.seq
                    + ": archives are missing from its end";
            walk.broken = walk.last == null ? new Broken(0, null, null, reason)
                    : new Broken(walk.last.runId(), walk.last.businessDate(), walk.last.seq(), reason);
        }
        return new Verification(walk.broken == null, walk.records, walk.seq, head.lastHash(), walk.broken);
    }

    /**
     * Walks the archives in chain order, keeping the first break. Files are read one archive at a time
     * (a big day's workbook part by part), never a year's archive at once.
     */
    private static final class Walk {
        final ArchiveRepository archives;
        long records;
        long seq;
        String hash;
        ArchiveRepository.StoredArchive last;
        Broken broken;

        Walk(ArchiveRepository archives) {
            this.archives = archives;
        }

        void unchained(ArchiveRepository.StoredArchive archive) {
            records++;
            if (broken == null && !archives.reportSha256(archive.runId()).equals(archive.reportSha256())) {
                broken = new Broken(archive.runId(), archive.businessDate(), null, "report hash differs");
            }
        }

        void chained(ArchiveRepository.StoredArchive archive) {
            records++;
            if (broken == null) {
                String reason = check(archive);
                if (reason != null) {
                    broken = new Broken(archive.runId(), archive.businessDate(), archive.seq(), reason);
                }
            }
            seq = archive.seq();
            hash = archive.chainHash();
            last = archive;
        }

        private String check(ArchiveRepository.StoredArchive a) {
            if (!archives.reportSha256(a.runId()).equals(a.reportSha256())) {
                return "report hash differs";
            }
            if (!Objects.equals(archives.voucherSha256(a.runId()), a.voucherSha256())) {
                return "voucher hash differs";
            }
            String recordHash = ArchiveHashes.recordHash(a.seq(), a.runId(), a.businessDate(), a.archivedAt(),
                    a.reportSha256(), a.prevHash());
            if (!recordHash.equals(a.recordHash())) {
                return "record hash differs";
            }
            if (!ArchiveHashes.chainHash(a.recordHash(), a.voucherSha256()).equals(a.chainHash())) {
                return "chain hash differs";
            }
            if (a.seq() != seq + 1) {
                return "archive #" + (seq + 1) + " before it is missing";
            }
            if (!Objects.equals(a.prevHash(), hash)) {
                return "previous hash differs";
            }
            return null;
        }
    }
}
