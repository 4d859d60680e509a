-- Stock reconciliation: what a STOCK_MISMATCH discrepancy is about. A discrepancy's money columns do not fit
-- quantities, so its SKU, location and the four quantities compared are kept here, one row per discrepancy.
-- recon_discrepancy.record_id names the first order involved; a mismatch with no order at all (a sale recorded
-- without an order) has none, which schema version 21.1 allows.
CREATE TABLE stock_mismatch (
    discrepancy_id          BIGINT        NOT NULL,
    run_id                  BIGINT        NOT NULL,
    business_date           DATE          NOT NULL,
    sku                     VARCHAR(64)   NOT NULL,
    location                VARCHAR(100)  NOT NULL,
    -- sold: PAID, PARTIALLY_REFUNDED and REFUNDED orders vs SALE and RESERVED_SALE movements
    sold_per_orders         BIGINT        NOT NULL,
    sold_per_movements      BIGINT        NOT NULL,
    -- returned: REFUNDED orders vs RETURN movements
    returned_per_orders     BIGINT        NOT NULL,
    returned_per_movements  BIGINT        NOT NULL,
    -- the orders whose own quantities disagree, e.g. "JD123 sold 1/1 returned 1/0", and movements without an order
    orders                  VARCHAR(4000),
    -- oversold orders of the SKU and location: their interceptions, decisions and refunds
    interceptions           VARCHAR(2000),
    CONSTRAINT pk_stock_mismatch PRIMARY KEY (discrepancy_id),
    CONSTRAINT fk_stock_mismatch_discrepancy FOREIGN KEY (discrepancy_id) REFERENCES recon_discrepancy (id)
);
CREATE INDEX ix_stock_mismatch_run ON stock_mismatch (run_id);
CREATE INDEX ix_stock_mismatch_date ON stock_mismatch (business_date, sku, location);
