package com.reconflow.report;

/**
 * The report's figures of single records, as SQL: one row per order and one per provider payment, refund or
 * fee row, with the dimensions and measures of docs/reports.md. The rollups are these rows summed per date;
 * a question the rollups cannot answer sums them directly. Portable between H2 and MySQL/MariaDB.
 *
 * <p>A provider record matched to an order reports under the order's channel, store, category and status
 * (its payment method stays the provider), so that "Douyin's refunds" are the refunds of Douyin's orders.
 */
final class ReportFacts {

    static final String COLUMNS = "record_id, business_date, source, payment_method, category, store, hour_of_day, "
            + "status, settled, amount, occurred_at, orders, gross_sales, refunds, fees, payments, expecting, matched, "
            + "cost_of_goods, cost_unknown";

    private ReportFacts() {
    }

    /**
     * The facts of the records whose business date is in a range: a derived table taking the range's two
     * bounds twice (orders, then provider records). {@code offsetMinutes} turns the stored UTC times into
     * the business zone's hour of day. {@code recordCondition} ("" or " AND x.amount >= ?" …, the record
     * being {@code x}) narrows both parts before anything is joined; its parameters follow each part's range.
     */
    static String between(int offsetMinutes, String recordCondition) {
        return "(" + orders(offsetMinutes) + recordCondition.replace("x.", "o.") + " UNION ALL "
                + providerRecords(offsetMinutes) + recordCondition.replace("x.", "r.") + ")";
    }

    static String hourOf(String alias, int offsetMinutes) {
        return "EXTRACT(HOUR FROM TIMESTAMPADD(MINUTE, " + offsetMinutes + ", " + alias + ".occurred_at))";
    }

    /**
     * The order a provider record {@code alias} reports under: the one it is paired with; a payment covering
     * several orders (a combined checkout) reports under the first of them.
     */
    static String pairedOrder(String alias) {
        return "(SELECT MIN(m.order_record_id) FROM recon_match m WHERE m.payment_record_id = " + alias + ".id "
                + "AND m.superseded_at IS NULL)";
    }

    private static String orders(int offsetMinutes) {
        String live = "COALESCE(o.status, '') <> 'CANCELLED'";
        String notCash = "COALESCE(o.payment_method, '') <> 'cash'";
        String unitCost = "(SELECT c.unit_cost FROM recon_sku_cost c WHERE c.sku = o.sku AND c.valid_from <= o.business_date "
                + "ORDER BY c.valid_from DESC, c.cost_list_id DESC LIMIT 1)";
        String paid = "EXISTS (SELECT 1 FROM recon_match m JOIN recon_record p ON p.id = m.payment_record_id "
                + "WHERE m.order_record_id = o.id AND m.superseded_at IS NULL AND p.kind = 'PAYMENT')";
        String settled = "EXISTS (SELECT 1 FROM recon_match m JOIN recon_record p ON p.id = m.payment_record_id "
                + "JOIN recon_report_payout s ON s.provider = p.source AND s.business_date = p.business_date "
                + "WHERE m.order_record_id = o.id AND m.superseded_at IS NULL AND p.kind = 'PAYMENT' "
                + "AND s.paid_out IS NOT NULL)";
        return "SELECT o.id AS record_id, o.business_date, o.source, o.payment_method, o.category, o.store, "
                + hourOf("o", offsetMinutes) + " AS hour_of_day, o.status, "
                + "CASE WHEN " + settled + " THEN 1 ELSE 0 END AS settled, o.amount, o.occurred_at, "
                + "CASE WHEN " + live + " THEN 1 ELSE 0 END AS orders, "
                + "CASE WHEN " + live + " THEN o.amount ELSE 0 END AS gross_sales, "
                + "CAST(0 AS DECIMAL(19,2)) AS refunds, CAST(0 AS DECIMAL(19,5)) AS fees, "
                + "CAST(0 AS DECIMAL(19,2)) AS payments, "
                + "CASE WHEN " + live + " AND " + notCash + " THEN 1 ELSE 0 END AS expecting, "
                + "CASE WHEN " + live + " AND " + notCash + " AND " + paid + " THEN 1 ELSE 0 END AS matched, "
                + "CASE WHEN " + live + " THEN COALESCE(o.quantity * " + unitCost + ", 0) ELSE 0 END AS cost_of_goods, "
                + "CASE WHEN " + live + " AND (o.quantity IS NULL OR " + unitCost + " IS NULL) THEN 1 ELSE 0 END "
                + "AS cost_unknown "
                + "FROM recon_record o WHERE o.business_date BETWEEN ? AND ? AND o.kind = 'ORDER'";
    }

    private static String providerRecords(int offsetMinutes) {
        String order = pairedOrder("r");
        return "SELECT r.id AS record_id, r.business_date, COALESCE(o.source, r.source) AS source, "
                + "r.source AS payment_method, o.category, o.store, " + hourOf("r", offsetMinutes) + " AS hour_of_day, "
                + "COALESCE(o.status, r.status) AS status, "
                + "CASE WHEN s.paid_out IS NOT NULL THEN 1 ELSE 0 END AS settled, r.amount, r.occurred_at, "
                + "0 AS orders, CAST(0 AS DECIMAL(19,2)) AS gross_sales, "
                + "CASE WHEN r.kind = 'REFUND' THEN r.amount ELSE 0 END AS refunds, "
                // Fees as written carry each provider's sign: charged on payments, returned on refunds; a fee
                // row (Alipay's account detail) is negative when charged.
                + "CASE r.kind WHEN 'PAYMENT' THEN ABS(COALESCE(r.fee, 0)) WHEN 'REFUND' THEN -ABS(COALESCE(r.fee, 0)) "
                + "ELSE -COALESCE(r.fee, 0) END AS fees, "
                + "CASE WHEN r.kind = 'PAYMENT' THEN r.amount ELSE 0 END AS payments, "
                + "0 AS expecting, 0 AS matched, CAST(0 AS DECIMAL(19,4)) AS cost_of_goods, 0 AS cost_unknown "
                + "FROM recon_record r "
                + "LEFT JOIN recon_record o ON o.id = " + order + " "
                + "LEFT JOIN recon_report_payout s ON s.provider = r.source AND s.business_date = r.business_date "
                + "WHERE r.business_date BETWEEN ? AND ? AND r.kind IN ('PAYMENT', 'REFUND', 'FEE')";
    }
}
