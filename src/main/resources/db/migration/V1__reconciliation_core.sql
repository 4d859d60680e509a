-- ReconFlow's own tables. Camunda manages its ACT_* schema itself.
-- Portable between H2 and MySQL 8 / MariaDB: no vendor-only types.
-- Times are stored as UTC DATETIME; the business zone is applied in the application.

CREATE TABLE recon_import (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    source          VARCHAR(40)  NOT NULL,
    format          VARCHAR(40)  NOT NULL,
    file_name       VARCHAR(255) NOT NULL,
    content_sha256  CHAR(64)     NOT NULL,
    business_date   DATE,
    status          VARCHAR(30)  NOT NULL,
    rows_accepted   INT          NOT NULL,
    rows_rejected   INT          NOT NULL,
    -- rows whose record an earlier import already brought (overlapping downloads)
    rows_duplicate  INT          NOT NULL,
    -- a corrected re-submission names the import whose quarantined rows it corrects
    corrects_import_id BIGINT,
    imported_by     VARCHAR(64)  NOT NULL,
    imported_at     DATETIME(3)  NOT NULL,
    CONSTRAINT uk_import_content UNIQUE (content_sha256)
);
CREATE INDEX ix_import_date_source ON recon_import (business_date, source);

CREATE TABLE recon_record (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    import_id       BIGINT        NOT NULL,
    line_no         INT           NOT NULL,
    kind            VARCHAR(16)   NOT NULL,
    source          VARCHAR(40)   NOT NULL,
    format          VARCHAR(40)   NOT NULL,
    business_date   DATE          NOT NULL,
    order_no        VARCHAR(64),
    txn_id          VARCHAR(64),
    refund_no       VARCHAR(64),
    amount          DECIMAL(19,2) NOT NULL,
    fee             DECIMAL(19,5),
    currency        CHAR(3)       NOT NULL,
    status          VARCHAR(40),
    occurred_at     DATETIME(3),
    store           VARCHAR(100),
    payment_method  VARCHAR(20),
    category        VARCHAR(100),
    raw_line        VARCHAR(4000) NOT NULL,
    attributes      VARCHAR(4000),
    -- what makes the record the same record in another file of the source (see NaturalKey)
    natural_key     VARCHAR(200)  NOT NULL,
    CONSTRAINT fk_record_import FOREIGN KEY (import_id) REFERENCES recon_import (id),
    -- natural_key first: "natural_key IN (...)" lookups use the index on H2 as on MySQL
    CONSTRAINT uk_record_natural_key UNIQUE (natural_key, source)
);
CREATE INDEX ix_record_date_kind ON recon_record (business_date, kind);
CREATE INDEX ix_record_order_no ON recon_record (order_no);
CREATE INDEX ix_record_txn_id ON recon_record (txn_id);

-- Rows a file contained but that could not be read: kept, with the reason, never dropped.
CREATE TABLE recon_rejected_row (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    import_id       BIGINT        NOT NULL,
    line_no         INT           NOT NULL,
    field           VARCHAR(100),
    message         VARCHAR(1000) NOT NULL,
    raw_line        VARCHAR(4000),
    CONSTRAINT fk_rejected_import FOREIGN KEY (import_id) REFERENCES recon_import (id)
);

CREATE TABLE recon_run (
    id                  BIGINT AUTO_INCREMENT PRIMARY KEY,
    business_date       DATE         NOT NULL,
    sources             VARCHAR(500) NOT NULL,
    status              VARCHAR(20)  NOT NULL,
    process_instance_id VARCHAR(64),
    -- the version of the matching rules the run was matched with
    rules_version       VARCHAR(40),
    started_by          VARCHAR(64)  NOT NULL,
    started_at          DATETIME(3)  NOT NULL,
    matched_at          DATETIME(3),
    archived_at         DATETIME(3),
    CONSTRAINT uk_run_date UNIQUE (business_date)
);

-- An order and the provider record that settles part of it: its payment, or its refund.
CREATE TABLE recon_match (
    id                  BIGINT AUTO_INCREMENT PRIMARY KEY,
    run_id              BIGINT      NOT NULL,
    match_kind          VARCHAR(20) NOT NULL,
    rule_id             VARCHAR(60) NOT NULL,
    order_record_id     BIGINT      NOT NULL,
    payment_record_id   BIGINT      NOT NULL,
    CONSTRAINT fk_match_run FOREIGN KEY (run_id) REFERENCES recon_run (id),
    CONSTRAINT fk_match_order FOREIGN KEY (order_record_id) REFERENCES recon_record (id),
    CONSTRAINT fk_match_payment FOREIGN KEY (payment_record_id) REFERENCES recon_record (id)
);
CREATE INDEX ix_match_run ON recon_match (run_id);

CREATE TABLE recon_discrepancy (
    id                  BIGINT AUTO_INCREMENT PRIMARY KEY,
    run_id              BIGINT        NOT NULL,
    type                VARCHAR(40)   NOT NULL,
    rule_id             VARCHAR(60)   NOT NULL,
    source              VARCHAR(40)   NOT NULL,
    counter_source      VARCHAR(40),
    order_no            VARCHAR(64),
    txn_id              VARCHAR(64),
    record_id           BIGINT        NOT NULL,
    counter_record_id   BIGINT,
    expected            DECIMAL(19,2),
    actual              DECIMAL(19,2),
    difference          DECIMAL(19,2),
    status              VARCHAR(20)   NOT NULL,
    candidate_group     VARCHAR(64),
    task_id             VARCHAR(64),
    decision            VARCHAR(40),
    decision_comment    VARCHAR(2000),
    decided_by          VARCHAR(64),
    decided_at          DATETIME(3),
    CONSTRAINT fk_discrepancy_run FOREIGN KEY (run_id) REFERENCES recon_run (id),
    CONSTRAINT fk_discrepancy_record FOREIGN KEY (record_id) REFERENCES recon_record (id)
);
CREATE INDEX ix_discrepancy_run ON recon_discrepancy (run_id);

-- Records waiting for their counterpart in a later day's data (timing differences); resolved by the
-- run that matched or raised them.
CREATE TABLE recon_pending (
    record_id        BIGINT NOT NULL PRIMARY KEY,
    since_date       DATE   NOT NULL,
    run_id           BIGINT NOT NULL,
    resolved_run_id  BIGINT,
    CONSTRAINT fk_pending_record FOREIGN KEY (record_id) REFERENCES recon_record (id),
    CONSTRAINT fk_pending_run FOREIGN KEY (run_id) REFERENCES recon_run (id)
);
CREATE INDEX ix_pending_open ON recon_pending (resolved_run_id, since_date);

CREATE TABLE recon_archive (
    run_id          BIGINT      NOT NULL PRIMARY KEY,
    report_xlsx     LONGBLOB    NOT NULL,
    report_sha256   CHAR(64)    NOT NULL,
    created_at      DATETIME(3) NOT NULL,
    CONSTRAINT fk_archive_run FOREIGN KEY (run_id) REFERENCES recon_run (id)
);

-- One row per demo day ever seeded: the insert is the cluster-wide "first start" guard.
CREATE TABLE recon_demo_seed (
    business_date   DATE        NOT NULL PRIMARY KEY,
    seeded_at       DATETIME(3) NOT NULL
);
