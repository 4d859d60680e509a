-- A file's column header, kept once with its import ("line 1: a,b,c", one line per distinct header).
-- A row read under a header is its raw line read by that header, so its attributes are no longer
-- also stored as JSON (a third of a big day's bytes); rows without a header (bank statement
-- entries) keep their JSON. Records imported before keep what they have.
ALTER TABLE recon_import ADD COLUMN column_headers VARCHAR(4000);
