-- Low-stock replenishment: reorder points per SKU and location, the replenishment cases they start, and the
-- purchase requests those cases end in.

-- A SKU's reorder point at a location (its threshold), how long its supplier takes to deliver, and who that
-- supplier is. A SKU without a row here falls back to recon.stock.replenishment.default-* (or is not watched).
CREATE TABLE stock_threshold (
    sku               VARCHAR(64)   NOT NULL,
    location          VARCHAR(100)  NOT NULL,
    threshold         BIGINT        NOT NULL,
    lead_time_days    INT           NOT NULL,
    supplier          VARCHAR(100),
    updated_by        VARCHAR(64)   NOT NULL,
    updated_at        DATETIME(3)   NOT NULL,
    CONSTRAINT pk_stock_threshold PRIMARY KEY (sku, location)
);

-- One replenishment case (one `replenishment` process) per row. open_key is sku@location while the case is
-- open and NULL once it ended: the unique constraint lets only one case per SKU and location be open, whatever
-- the number of nodes or concurrent movements (both databases allow many NULLs in a unique index).
CREATE TABLE stock_replenishment (
    id                  BIGINT AUTO_INCREMENT PRIMARY KEY,
    sku                 VARCHAR(64)    NOT NULL,
    location            VARCHAR(100)   NOT NULL,
    open_key            VARCHAR(170),
    -- OPEN, ORDERED (a purchase request was made), DISMISSED (purchasing found no order needed),
    -- CANCELLED (the process was deleted)
    status              VARCHAR(20)    NOT NULL,
    -- what started it: the movement that took available to or below the threshold (NULL: a threshold change)
    movement_id         BIGINT,
    threshold           BIGINT         NOT NULL,
    available_then      BIGINT         NOT NULL,
    -- the suggestion, as purchasing saw it
    velocity            DECIMAL(14,2),
    suggested_quantity  BIGINT,
    -- what purchasing asked for, and what it is worth (unit_cost / value NULL while the cost is unknown)
    quantity            BIGINT,
    supplier            VARCHAR(100),
    unit_cost           DECIMAL(14,4),
    purchase_value      DECIMAL(16,2),
    requested_by        VARCHAR(64),
    approved_by         VARCHAR(64),
    process_instance_id VARCHAR(64),
    created_at          DATETIME(3)    NOT NULL,
    closed_at           DATETIME(3),
    CONSTRAINT uk_stock_replenishment_open UNIQUE (open_key)
);
CREATE INDEX ix_stock_replenishment_sku ON stock_replenishment (sku, location, id);
CREATE INDEX ix_stock_replenishment_status ON stock_replenishment (status);

-- What purchasing orders from the supplier: one per replenishment case that was ordered (and approved where
-- the value required it). Never changed after it is made; exported as XLSX.
CREATE TABLE stock_purchase_request (
    id                  BIGINT AUTO_INCREMENT PRIMARY KEY,
    replenishment_id    BIGINT         NOT NULL,
    sku                 VARCHAR(64)    NOT NULL,
    location            VARCHAR(100)   NOT NULL,
    supplier            VARCHAR(100)   NOT NULL,
    quantity            BIGINT         NOT NULL,
    unit_cost           DECIMAL(14,4),
    purchase_value      DECIMAL(16,2),
    approval_required   BOOLEAN        NOT NULL,
    requested_by        VARCHAR(64)    NOT NULL,
    approved_by         VARCHAR(64),
    created_at          DATETIME(3)    NOT NULL,
    CONSTRAINT uk_purchase_request_case UNIQUE (replenishment_id),
    CONSTRAINT fk_purchase_request_case FOREIGN KEY (replenishment_id) REFERENCES stock_replenishment (id)
);
CREATE INDEX ix_purchase_request_created ON stock_purchase_request (created_at);
