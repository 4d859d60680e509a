-- What reports and the dashboard need of the records themselves.

-- The article an order line sold and how many, kept from the channel-orders columns SKU and 数量, so
-- that the cost of what was sold can be set against the money received. Rows imported before this
-- version keep these empty: their margin is reported as unknown rather than guessed.
ALTER TABLE recon_record ADD COLUMN sku VARCHAR(64);
ALTER TABLE recon_record ADD COLUMN quantity INT;

-- The search box finds a record by its refund number, and lists a time range in order; both as index
-- ranges, since a month holds tens of millions of records.
CREATE INDEX ix_record_refund_no ON recon_record (refund_no);
CREATE INDEX ix_record_occurred_at ON recon_record (occurred_at);

-- A cost list as it was imported: one per file, never changed; the same bytes twice are one list.
CREATE TABLE recon_cost_list (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    file_name       VARCHAR(255) NOT NULL,
    content_sha256  CHAR(64)     NOT NULL,
    -- the first business date its costs apply to
    valid_from      DATE         NOT NULL,
    sku_count       INT          NOT NULL,
    imported_by     VARCHAR(64)  NOT NULL,
    imported_at     DATETIME(3)  NOT NULL,
    CONSTRAINT uk_cost_list_content UNIQUE (content_sha256)
);

-- The unit cost of one SKU from one list. The cost of a SKU on a date is the row of the latest list
-- valid on that date (greatest valid_from, then greatest list id).
CREATE TABLE recon_sku_cost (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    cost_list_id    BIGINT        NOT NULL,
    sku             VARCHAR(64)   NOT NULL,
    unit_cost       DECIMAL(19,4) NOT NULL,
    valid_from      DATE          NOT NULL,
    line_no         INT           NOT NULL,
    CONSTRAINT fk_sku_cost_list FOREIGN KEY (cost_list_id) REFERENCES recon_cost_list (id),
    CONSTRAINT uk_sku_cost_in_list UNIQUE (cost_list_id, sku)
);
CREATE INDEX ix_sku_cost_sku ON recon_sku_cost (sku, valid_from);
