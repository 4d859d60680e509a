-- Pre-aggregated figures for reports and the dashboard, rebuilt per business date after each matching
-- of the day and at its archive (process report-refresh). See docs/reports.md for what each figure is.

-- One row per combination of dimensions of one "cube". A summary reads the smallest cube holding every
-- dimension it groups or filters by; a cube leaves the dimensions it does not keep NULL.
--   DAY:   date, source, payment method, status, settled             (a few hundred rows a day)
--   HOUR:  DAY + category + hour                                     (thousands a day)
--   STORE: DAY + category + store                                    (thousands a day)
--   FULL:  every dimension                                           (the last resort before the records)
CREATE TABLE recon_report_rollup (
    cube            VARCHAR(8)    NOT NULL,
    business_date   DATE          NOT NULL,
    source          VARCHAR(40)   NOT NULL,
    payment_method  VARCHAR(20),
    category        VARCHAR(100),
    store           VARCHAR(100),
    hour_of_day     SMALLINT,
    status          VARCHAR(40),
    settled         SMALLINT      NOT NULL,
    orders          BIGINT        NOT NULL,
    gross_sales     DECIMAL(19,2) NOT NULL,
    refunds         DECIMAL(19,2) NOT NULL,
    fees            DECIMAL(19,5) NOT NULL,
    payments        DECIMAL(19,2) NOT NULL,
    expecting       BIGINT        NOT NULL,
    matched         BIGINT        NOT NULL,
    cost_of_goods   DECIMAL(19,4) NOT NULL,
    cost_unknown    BIGINT        NOT NULL
);
CREATE INDEX ix_report_rollup_cube_date ON recon_report_rollup (cube, business_date);

-- Each provider's settlement of a day: what it should pay out (payments - refunds - fees) and what the
-- bank credited under its reference, once the statement is in. "Settled" in the rollups reads it.
CREATE TABLE recon_report_payout (
    provider        VARCHAR(40)   NOT NULL,
    business_date   DATE          NOT NULL,
    expected        DECIMAL(19,2) NOT NULL,
    paid_out        DECIMAL(19,2),
    reference       VARCHAR(64)   NOT NULL,
    PRIMARY KEY (provider, business_date)
);

-- The dates whose rollups are built, and when. Its row is also the lock that makes two refreshes of one
-- date (two nodes, a retried job) follow each other instead of interleaving their deletes and inserts.
CREATE TABLE recon_report_day (
    business_date   DATE          NOT NULL PRIMARY KEY,
    refreshed_at    DATETIME(3)   NOT NULL,
    fact_rows       BIGINT        NOT NULL
);

-- Open discrepancies are read live (their status changes with every decision); few are open at a time.
CREATE INDEX ix_discrepancy_status_type ON recon_discrepancy (status, type);
