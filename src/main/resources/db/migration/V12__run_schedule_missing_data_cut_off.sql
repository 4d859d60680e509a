-- The run's collection deadline (after which missing sources go to operations instead of being waited
-- for), its review cut-off (after which open discrepancies are carried into the next run), and the
-- sources it was matched without because operations decided to proceed.
ALTER TABLE recon_run ADD COLUMN collect_until DATETIME(3);
ALTER TABLE recon_run ADD COLUMN cut_off_at DATETIME(3);
ALTER TABLE recon_run ADD COLUMN matched_without VARCHAR(500);

-- What operations decided each time sources were still missing at a run's deadline: check again with a
-- new deadline (RETRY), wait until a given time (POSTPONE), or match without them (PROCEED).
CREATE TABLE recon_run_collection_decision (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    run_id          BIGINT        NOT NULL,
    decision        VARCHAR(20)   NOT NULL,
    missing_sources VARCHAR(500)  NOT NULL,
    wait_until      DATETIME(3),
    comment         VARCHAR(2000),
    decided_by      VARCHAR(64)   NOT NULL,
    decided_at      DATETIME(3)   NOT NULL,
    CONSTRAINT fk_collection_decision_run FOREIGN KEY (run_id) REFERENCES recon_run (id)
);
CREATE INDEX ix_collection_decision_run ON recon_run_collection_decision (run_id);

-- Carried discrepancies still open are counted for every later run.
-- (It also serves the audit trail's and the archive's look-ups by carried_at.)
CREATE INDEX ix_discrepancy_carried ON recon_discrepancy (carried_at, status);
