-- What the routing decision (processes/discrepancy-routing.dmn) said about a discrepancy's review,
-- who approved its decision where a second approval was needed, and whether it was left open at its
-- run's cut-off and carried into the next run.
ALTER TABLE recon_discrepancy ADD COLUMN priority INT;
ALTER TABLE recon_discrepancy ADD COLUMN sla VARCHAR(40);
ALTER TABLE recon_discrepancy ADD COLUMN second_approval BOOLEAN;
ALTER TABLE recon_discrepancy ADD COLUMN approved_by VARCHAR(64);
ALTER TABLE recon_discrepancy ADD COLUMN approved_at DATETIME(3);
ALTER TABLE recon_discrepancy ADD COLUMN carried_at DATETIME(3);
-- The auto-resolution rule (processes/discrepancy-auto-resolution.dmn) that closed it without a person.
ALTER TABLE recon_discrepancy ADD COLUMN resolution_rule VARCHAR(100);

-- What applying a decision produced: a write-off, an adjustment posting, a claim to chase, a confirmed
-- match, a timing difference carried forward. One per discrepancy: applying a decision again adds nothing.
CREATE TABLE recon_decision_posting (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    discrepancy_id  BIGINT        NOT NULL,
    run_id          BIGINT        NOT NULL,
    kind            VARCHAR(30)   NOT NULL,
    amount          DECIMAL(19,2),
    comment         VARCHAR(2000),
    decided_by      VARCHAR(64)   NOT NULL,
    approved_by     VARCHAR(64),
    created_at      DATETIME(3)   NOT NULL,
    CONSTRAINT uk_posting_discrepancy UNIQUE (discrepancy_id),
    CONSTRAINT fk_posting_discrepancy FOREIGN KEY (discrepancy_id) REFERENCES recon_discrepancy (id)
);
CREATE INDEX ix_posting_run ON recon_decision_posting (run_id);

-- Everything that happened in a discrepancy's review, in order, for the audit: opened (with its routing),
-- auto-resolved, decided, approved, rejected, reminded, escalated, reassigned, carried, applied.
CREATE TABLE recon_review_event (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    discrepancy_id  BIGINT        NOT NULL,
    run_id          BIGINT        NOT NULL,
    event           VARCHAR(30)   NOT NULL,
    actor           VARCHAR(64)   NOT NULL,
    detail          VARCHAR(2000),
    occurred_at     DATETIME(3)   NOT NULL
);
CREATE INDEX ix_review_event_discrepancy ON recon_review_event (discrepancy_id);
CREATE INDEX ix_review_event_run ON recon_review_event (run_id);
CREATE INDEX ix_review_event_actor ON recon_review_event (actor, occurred_at);
