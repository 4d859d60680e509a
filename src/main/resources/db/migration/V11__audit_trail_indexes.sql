-- What the audit trail (GET /api/audit) looks things up by, so that a question about one order, one
-- person or one period reads index ranges, not whole tables. Proposals and manual pairs are found by
-- their records through the indexes of their foreign keys, imports and runs are small tables.

-- An order's discrepancies: by its number, and by the record it was compared with.
CREATE INDEX ix_discrepancy_order_no ON recon_discrepancy (order_no);
CREATE INDEX ix_discrepancy_counter_record ON recon_discrepancy (counter_record_id);
-- Who decided or approved what, and what happened when.
CREATE INDEX ix_discrepancy_decided_by ON recon_discrepancy (decided_by, decided_at);
CREATE INDEX ix_discrepancy_decided_at ON recon_discrepancy (decided_at);
CREATE INDEX ix_discrepancy_approved_by ON recon_discrepancy (approved_by, approved_at);
CREATE INDEX ix_discrepancy_approved_at ON recon_discrepancy (approved_at);
CREATE INDEX ix_discrepancy_review_opened ON recon_discrepancy (review_opened_at);
CREATE INDEX ix_review_event_time ON recon_review_event (occurred_at);
