-- Posting the stock movements of imported orders: one row per import with orders of an article (SKU and
-- quantity). The primary key makes the request once per import, however often the import is announced;
-- last_record_id is how far the posting job got (it works in chunks, each its own transaction), and the
-- counts say what became of the import's order lines.
CREATE TABLE stock_order_posting (
    import_id           BIGINT        NOT NULL,
    status              VARCHAR(20)   NOT NULL,
    process_instance_id VARCHAR(64),
    last_record_id      BIGINT        NOT NULL,
    -- sold and posted (SALE / RESERVED_SALE)
    posted              INT           NOT NULL,
    -- oversold: held in stock_interception for operations
    intercepted         INT           NOT NULL,
    -- cancelled orders (a reservation of theirs given back, if any)
    cancelled           INT           NOT NULL,
    -- no location to take the goods from (a POS order without store, a channel without fulfilment location)
    unlocated           INT           NOT NULL,
    -- the SKU is not under stock control at that location yet (no movement ever recorded there)
    untracked           INT           NOT NULL,
    -- no SKU or quantity, or a status that moves no stock
    skipped             INT           NOT NULL,
    requested_at        DATETIME(3)   NOT NULL,
    finished_at         DATETIME(3),
    CONSTRAINT pk_stock_order_posting PRIMARY KEY (import_id)
);
