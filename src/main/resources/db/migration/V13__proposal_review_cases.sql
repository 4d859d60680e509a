-- A proposed pair is confirmed or rejected in Tasklist: a proposal-review case per open proposal,
-- opened in the same batches as the discrepancies' cases (see V8), and linked to its task.
ALTER TABLE recon_proposal ADD COLUMN review_opened_at DATETIME(3);
ALTER TABLE recon_proposal ADD COLUMN task_id VARCHAR(64);
-- Proposals of runs before this version were decided over the REST API only: they get no case.
UPDATE recon_proposal SET review_opened_at = decided_at WHERE status <> 'OPEN';
UPDATE recon_proposal SET review_opened_at = (SELECT r.matched_at FROM recon_run r WHERE r.id = recon_proposal.run_id)
WHERE status = 'OPEN' AND run_id IN (SELECT id FROM recon_run WHERE status = 'ARCHIVED');
