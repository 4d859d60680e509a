-- What decided each match and discrepancy: the rules version, the key the rule paired or looked
-- by, and the tolerance it allowed. Matching a day again supersedes what no longer holds instead of
-- deleting it, so a day's history stays readable.
ALTER TABLE recon_match ADD COLUMN rules_version VARCHAR(40);
ALTER TABLE recon_match ADD COLUMN basis VARCHAR(300);
ALTER TABLE recon_match ADD COLUMN tolerance DECIMAL(19,2);
ALTER TABLE recon_match ADD COLUMN superseded_at DATETIME(3);
CREATE INDEX ix_match_order ON recon_match (order_record_id);
CREATE INDEX ix_match_payment ON recon_match (payment_record_id);

ALTER TABLE recon_discrepancy ADD COLUMN rules_version VARCHAR(40);
ALTER TABLE recon_discrepancy ADD COLUMN basis VARCHAR(300);
ALTER TABLE recon_discrepancy ADD COLUMN tolerance DECIMAL(19,2);

-- An order and a payment no key pairs but that look alike: a person confirms or rejects the pair.
CREATE TABLE recon_proposal (
    id                  BIGINT AUTO_INCREMENT PRIMARY KEY,
    run_id              BIGINT        NOT NULL,
    order_record_id     BIGINT        NOT NULL,
    payment_record_id   BIGINT        NOT NULL,
    confidence          DECIMAL(3,2)  NOT NULL,
    rule_id             VARCHAR(60)   NOT NULL,
    rules_version       VARCHAR(40)   NOT NULL,
    basis               VARCHAR(300)  NOT NULL,
    -- OPEN, CONFIRMED, REJECTED, or SUPERSEDED when matching the day again no longer proposes it
    status              VARCHAR(20)   NOT NULL,
    decided_by          VARCHAR(64),
    decided_at          DATETIME(3),
    decision_comment    VARCHAR(2000),
    CONSTRAINT fk_proposal_run FOREIGN KEY (run_id) REFERENCES recon_run (id),
    CONSTRAINT fk_proposal_order FOREIGN KEY (order_record_id) REFERENCES recon_record (id),
    CONSTRAINT fk_proposal_payment FOREIGN KEY (payment_record_id) REFERENCES recon_record (id)
);
CREATE INDEX ix_proposal_run ON recon_proposal (run_id);

-- A person's decision that an order and a payment belong together (LINK) or never do (SEPARATE).
-- Every matching of the run's day applies them; the latest decision on a pair counts, earlier ones
-- stay as history.
CREATE TABLE recon_manual_pair (
    id                  BIGINT AUTO_INCREMENT PRIMARY KEY,
    run_id              BIGINT        NOT NULL,
    order_record_id     BIGINT        NOT NULL,
    payment_record_id   BIGINT        NOT NULL,
    action              VARCHAR(10)   NOT NULL,
    reason              VARCHAR(2000) NOT NULL,
    decided_by          VARCHAR(64)   NOT NULL,
    decided_at          DATETIME(3)   NOT NULL,
    CONSTRAINT fk_manual_pair_run FOREIGN KEY (run_id) REFERENCES recon_run (id),
    CONSTRAINT fk_manual_pair_order FOREIGN KEY (order_record_id) REFERENCES recon_record (id),
    CONSTRAINT fk_manual_pair_payment FOREIGN KEY (payment_record_id) REFERENCES recon_record (id)
);
CREATE INDEX ix_manual_pair_run ON recon_manual_pair (run_id);
