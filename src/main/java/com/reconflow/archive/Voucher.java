package com.reconflow.archive;

/**
 * What the voucher of an archived run certifies: the run's figures, and where its archive stands in
 * the chain (the workbook's SHA-256, the previous archive's chain hash, this archive's record hash).
 *
 * @param prevHash null for the first archive of the chain
 */
record Voucher(ReconciliationReport report, long seq, String reportSha256, String prevHash, String recordHash) {
}
