-- A big day's million matches are written in two halves side by side, and checking each row's run
-- against recon_run took a fifth of the time MariaDB needs to write them. Runs are never deleted, and
-- matching writes only the run whose row it holds locked, so the check guarded nothing a run can break
-- (as V6 found for the records). The index stays: a run's matches are read by it.
ALTER TABLE recon_match DROP CONSTRAINT fk_match_run;
