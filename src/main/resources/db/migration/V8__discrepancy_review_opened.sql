-- When the discrepancy's review case was opened. A run opens its cases in batches, a transaction
-- each, and this marks which are opened already, so that no case is opened twice whichever node
-- runs the next batch. The cases of runs before this version were all opened when they matched.
ALTER TABLE recon_discrepancy ADD COLUMN review_opened_at DATETIME(3);
UPDATE recon_discrepancy SET review_opened_at = (SELECT r.matched_at FROM recon_run r WHERE r.id = recon_discrepancy.run_id);
