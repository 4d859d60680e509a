package com.reconflow.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sums behind one row of a report; see docs/reports.md for what each is. Added up across the rollups,
 * the record facts and the open discrepancies of the same row.
 */
final class Measures {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    long orders;
    BigDecimal grossSales = BigDecimal.ZERO;
    BigDecimal refunds = BigDecimal.ZERO;
    BigDecimal fees = BigDecimal.ZERO;
    BigDecimal payments = BigDecimal.ZERO;
    long expecting;
    long matched;
    BigDecimal costOfGoods = BigDecimal.ZERO;
    long costUnknown;
    long openDiscrepancies;
    BigDecimal openDiscrepancyAmount = BigDecimal.ZERO;

    void addRecords(long orders, BigDecimal gross, BigDecimal refunds, BigDecimal fees, BigDecimal payments,
                    long expecting, long matched, BigDecimal cost, long costUnknown) {
        this.orders += orders;
        this.grossSales = grossSales.add(nz(gross));
        this.refunds = this.refunds.add(nz(refunds));
        this.fees = this.fees.add(nz(fees));
        this.payments = this.payments.add(nz(payments));
        this.expecting += expecting;
        this.matched += matched;
        this.costOfGoods = costOfGoods.add(nz(cost));
        this.costUnknown += costUnknown;
    }

    void addOpen(long count, BigDecimal amount) {
        openDiscrepancies += count;
        openDiscrepancyAmount = openDiscrepancyAmount.add(nz(amount));
    }

    void add(Measures other) {
        addRecords(other.orders, other.grossSales, other.refunds, other.fees, other.payments, other.expecting,
                other.matched, other.costOfGoods, other.costUnknown);
        addOpen(other.openDiscrepancies, other.openDiscrepancyAmount);
    }

    BigDecimal netSettlement() {
        return money(payments.subtract(refunds).subtract(fees));
    }

    /** Matched orders per order expecting a payment, in percent; none when no order expects one. */
    BigDecimal matchedPercent() {
        return expecting == 0 ? null
                : BigDecimal.valueOf(matched).multiply(HUNDRED).divide(BigDecimal.valueOf(expecting), 2, RoundingMode.HALF_UP);
    }

    /**
     * Unknown (null) as soon as one order of the row has no known cost, and none for a row without orders
     * (a provider's own records): nothing was sold there to set a cost against.
     */
    BigDecimal costOfGoodsOrNull() {
        return costUnknown > 0 || orders == 0 ? null : money(costOfGoods);
    }

    BigDecimal marginOrNull() {
        BigDecimal cost = costOfGoodsOrNull();
        return cost == null ? null : netSettlement().subtract(cost);
    }

    /** The measures as the API answers them: money as strings with two decimals. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("orders", orders);
        json.put("grossSales", text(grossSales));
        json.put("refunds", text(refunds));
        json.put("fees", text(fees));
        json.put("payments", text(payments));
        json.put("netSettlement", text(netSettlement()));
        json.put("matchedPercent", text(matchedPercent()));
        json.put("openDiscrepancies", openDiscrepancies);
        json.put("openDiscrepancyAmount", text(openDiscrepancyAmount));
        json.put("costOfGoods", text(costOfGoodsOrNull()));
        json.put("margin", text(marginOrNull()));
        return json;
    }

    static BigDecimal money(BigDecimal value) {
        return value == null ? null : value.setScale(2, RoundingMode.HALF_UP);
    }

    static String text(BigDecimal value) {
        return value == null ? null : money(value).toPlainString();
    }

    private static BigDecimal nz(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
