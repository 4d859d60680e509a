-- Every record's index entries are written by its import, and on MariaDB the refund number's index took
-- about a tenth of the server's work for a day's records. Only refunds carry a refund number, and a
-- refund's natural key is made of it (NaturalKey.ofRefundNo), so the search finds refunds through the
-- natural key's unique index instead; recon_record keeps six secondary indexes.
DROP INDEX ix_record_refund_no ON recon_record;
