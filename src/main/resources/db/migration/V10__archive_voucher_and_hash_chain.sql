-- A run's archive is its workbook, its PDF voucher and its link in one hash chain over all archives.
--   chain_seq     1, 2, 3 … in the order archives were written, on whichever node
--   prev_hash     the chain_hash of the archive before (NULL for the first)
--   record_hash   SHA-256 over this archive's fields (chain_seq, run, business date, archived at, the
--                 workbook's SHA-256, all its parts together) and prev_hash; printed on the voucher
--   chain_hash    SHA-256 over record_hash and the voucher's SHA-256: what the next archive links to
-- Archives written before this version keep their workbook and its SHA-256 and stay outside the chain
-- (chain_seq NULL, no voucher): the chain starts at the first archive written from now on.
ALTER TABLE recon_archive ADD COLUMN business_date DATE;
ALTER TABLE recon_archive ADD COLUMN voucher_pdf LONGBLOB;
ALTER TABLE recon_archive ADD COLUMN voucher_sha256 CHAR(64);
ALTER TABLE recon_archive ADD COLUMN chain_seq BIGINT;
ALTER TABLE recon_archive ADD COLUMN prev_hash CHAR(64);
ALTER TABLE recon_archive ADD COLUMN record_hash CHAR(64);
ALTER TABLE recon_archive ADD COLUMN chain_hash CHAR(64);
-- The chain never forks: no two archives at one place, no two archives after the same one.
ALTER TABLE recon_archive ADD CONSTRAINT uk_archive_chain_seq UNIQUE (chain_seq);
ALTER TABLE recon_archive ADD CONSTRAINT uk_archive_prev_hash UNIQUE (prev_hash);
UPDATE recon_archive SET business_date = (SELECT r.business_date FROM recon_run r WHERE r.id = recon_archive.run_id);

-- A workbook is stored in parts: report_xlsx holds its first part, this table the parts after it (1, 2, …).
-- A million-order day's workbook is some 50 MB, more than a MySQL server takes in one statement
-- by default (max_allowed_packet: 16 MB on MariaDB, 64 MB on MySQL 8); a part is 4 MB by default.
CREATE TABLE recon_archive_report_part (
    run_id      BIGINT      NOT NULL,
    part_no     INT         NOT NULL,
    content     LONGBLOB    NOT NULL,
    PRIMARY KEY (run_id, part_no),
    CONSTRAINT fk_archive_report_part FOREIGN KEY (run_id) REFERENCES recon_archive (run_id)
);

-- The chain's head, one row: a node appending an archive locks it, so appends from several nodes queue
-- one behind the other; it also tells the verification how long the chain must be.
CREATE TABLE recon_archive_chain (
    id          INT         NOT NULL PRIMARY KEY,
    last_seq    BIGINT      NOT NULL,
    last_hash   CHAR(64),
    updated_at  DATETIME(3)
);
INSERT INTO recon_archive_chain (id, last_seq) VALUES (1, 0);
