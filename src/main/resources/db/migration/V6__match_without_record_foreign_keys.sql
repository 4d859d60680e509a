-- A big day stores a million matches at once, and checking both record ids of every row against
-- recon_record cost about as much as writing the row with its indexes. Records are append-only and
-- never deleted, and matching writes only ids it has just read from recon_record, so the checks
-- guarded nothing a run can break. The indexes stay: the trace finds an order's matches by them.
ALTER TABLE recon_match DROP CONSTRAINT fk_match_order;
ALTER TABLE recon_match DROP CONSTRAINT fk_match_payment;
