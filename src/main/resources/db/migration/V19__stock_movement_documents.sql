-- The lines of stock documents (delivery notes, transfers, stocktakes) imported from stock-movements files.
-- A document line is one (document no., type, SKU, location): imported once, whatever file brings it again
-- (a re-export, an overlapping download, a corrected file), so a re-delivered line never moves stock twice.
CREATE TABLE stock_document_line (
    document_no          VARCHAR(100)  NOT NULL,
    type                 VARCHAR(20)   NOT NULL,
    sku                  VARCHAR(64)   NOT NULL,
    location             VARCHAR(100)  NOT NULL,
    -- the quantity as written: for a STOCKTAKE the counted quantity, for the others the movement's quantity
    quantity             BIGINT        NOT NULL,
    counterpart_location VARCHAR(100),
    import_id            BIGINT        NOT NULL,
    line_no              INT           NOT NULL,
    -- the movement it posted; none for a stocktake that found the books right
    movement_id          BIGINT,
    CONSTRAINT pk_stock_document_line PRIMARY KEY (document_no, type, sku, location)
);
CREATE INDEX ix_stock_document_line_import ON stock_document_line (import_id, line_no);
