-- Stock: one truth per SKU and location (a warehouse or a store), explained movement by movement.

-- The current figures. Changed only together with a movement row, in the same transaction, by a
-- conditional UPDATE (see StockLedger): concurrent changes queue on this row and none is lost.
CREATE TABLE stock_level (
    sku               VARCHAR(64)   NOT NULL,
    location          VARCHAR(100)  NOT NULL,
    on_hand           BIGINT        NOT NULL,
    reserved          BIGINT        NOT NULL,
    updated_at        DATETIME(3)   NOT NULL,
    CONSTRAINT pk_stock_level PRIMARY KEY (sku, location)
);

-- Append-only: every change of on hand or reserved, with where it came from. Replaying a SKU's movements
-- at a location in id order gives its figures; on_hand_after/reserved_after are the figures right after.
CREATE TABLE stock_movement (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    sku               VARCHAR(64)   NOT NULL,
    location          VARCHAR(100)  NOT NULL,
    type              VARCHAR(20)   NOT NULL,
    -- signed changes: a sale of 2 is on_hand_change -2; a reservation of 2 is reserved_change +2
    on_hand_change    BIGINT        NOT NULL,
    reserved_change   BIGINT        NOT NULL,
    on_hand_after     BIGINT        NOT NULL,
    reserved_after    BIGINT        NOT NULL,
    occurred_at       DATETIME(3)   NOT NULL,
    business_date     DATE          NOT NULL,
    recorded_at       DATETIME(3)   NOT NULL,
    -- the document: delivery note, transfer no., stocktake no., or the order no. of a sale or return
    reference         VARCHAR(100),
    order_no          VARCHAR(64),
    channel           VARCHAR(40),
    -- origin: the order record (file and line through it), or the stock-movements file and line, or the user
    record_id         BIGINT,
    import_id         BIGINT,
    line_no           INT,
    recorded_by       VARCHAR(64),
    note              VARCHAR(500),
    -- what makes a movement the same movement when it is offered again (a re-delivered event, a retried request)
    origin_key        VARCHAR(200)  NOT NULL,
    CONSTRAINT uk_stock_movement_origin UNIQUE (origin_key)
);
CREATE INDEX ix_stock_movement_sku ON stock_movement (sku, location, id);
CREATE INDEX ix_stock_movement_date ON stock_movement (business_date, sku, location);
CREATE INDEX ix_stock_movement_order ON stock_movement (order_no);

-- Stock held for an order before it is fulfilled; all its lines or none.
CREATE TABLE stock_reservation (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    channel           VARCHAR(40)   NOT NULL,
    order_no          VARCHAR(64)   NOT NULL,
    status            VARCHAR(20)   NOT NULL,
    created_at        DATETIME(3)   NOT NULL,
    created_by        VARCHAR(64)   NOT NULL,
    CONSTRAINT uk_stock_reservation_order UNIQUE (channel, order_no)
);
CREATE TABLE stock_reservation_line (
    reservation_id    BIGINT        NOT NULL,
    line_no           INT           NOT NULL,
    sku               VARCHAR(64)   NOT NULL,
    location          VARCHAR(100)  NOT NULL,
    quantity          BIGINT        NOT NULL,
    -- what a sale or a cancellation has taken out of the reservation so far
    settled           BIGINT        NOT NULL,
    CONSTRAINT pk_stock_reservation_line PRIMARY KEY (reservation_id, line_no),
    CONSTRAINT fk_reservation_line FOREIGN KEY (reservation_id) REFERENCES stock_reservation (id)
);

-- The outbox of the sync to channels: one row per channel and SKU holding the latest figure to publish.
-- Written in the transaction of the movement; seq grows with every new figure, pushed_seq is what the
-- channel has confirmed. Many changes before a push are one push of the latest figure (coalesced).
CREATE TABLE stock_channel_sync (
    channel           VARCHAR(40)   NOT NULL,
    sku               VARCHAR(64)   NOT NULL,
    available         BIGINT        NOT NULL,
    seq               BIGINT        NOT NULL,
    changed_at        DATETIME(3)   NOT NULL,
    pushed_seq        BIGINT        NOT NULL,
    pushed_available  BIGINT,
    pushed_at         DATETIME(3),
    attempts          INT           NOT NULL,
    next_attempt_at   DATETIME(3)   NOT NULL,
    claimed_by        VARCHAR(100),
    claimed_until     DATETIME(3),
    last_error        VARCHAR(1000),
    CONSTRAINT pk_stock_channel_sync PRIMARY KEY (channel, sku)
);
CREATE INDEX ix_stock_channel_sync_due ON stock_channel_sync (next_attempt_at);

-- An imported order whose sale would have taken more than was available: not posted, but held here for
-- operations (allocate from another location, back-order, cancel), with the decision and its effect.
CREATE TABLE stock_interception (
    id                  BIGINT AUTO_INCREMENT PRIMARY KEY,
    record_id           BIGINT        NOT NULL,
    order_no            VARCHAR(64)   NOT NULL,
    channel             VARCHAR(40)   NOT NULL,
    sku                 VARCHAR(64)   NOT NULL,
    location            VARCHAR(100)  NOT NULL,
    quantity            BIGINT        NOT NULL,
    available_then      BIGINT        NOT NULL,
    business_date       DATE          NOT NULL,
    status              VARCHAR(20)   NOT NULL,
    created_at          DATETIME(3)   NOT NULL,
    process_instance_id VARCHAR(64),
    -- ALLOCATE, BACK_ORDER or CANCEL, and for ALLOCATE the location that served the order
    decision            VARCHAR(20),
    decision_location   VARCHAR(100),
    decision_comment    VARCHAR(2000),
    decided_by          VARCHAR(64),
    decided_at          DATETIME(3),
    -- the movement that finally posted the order's sale, if any
    movement_id         BIGINT,
    CONSTRAINT uk_stock_interception_record UNIQUE (record_id)
);
CREATE INDEX ix_stock_interception_order ON stock_interception (order_no);
CREATE INDEX ix_stock_interception_status ON stock_interception (status);
