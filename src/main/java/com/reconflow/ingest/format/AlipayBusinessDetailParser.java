package com.reconflow.ingest.format;

import com.reconflow.ingest.CanonicalRecord;
import com.reconflow.ingest.FileRejectedException;
import com.reconflow.ingest.RecordKind;
import com.reconflow.ingest.RecordSink;
import com.reconflow.ingest.format.Cells.BadValue;
import com.reconflow.ingest.format.Lines.Line;
import com.reconflow.ingest.format.Table.Row;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alipay 业务明细 ({@code alipay-business-detail}), GBK or UTF-8, plain or as the downloaded
 * {@code csv.zip}: a {@code #} preamble, the rows, and a {@code #} footer whose totals must agree with them.
 */
public final class AlipayBusinessDetailParser extends AlipayBillParser<Tally> {

    private static final String TXN_ID = "支付宝交易号";
    private static final String ORDER_NO = "商户订单号";
    private static final String TYPE = "业务类型";
    private static final String FINISHED = "完成时间";
    private static final String RECEIVED = "商家实收（元）";
    private static final String FEE = "服务费（元）";
    private static final String REFUND_NO = "退款批次号/请求号";
    private static final String STORE = "门店编号";
    private static final String TITLE = "#支付宝业务明细查询";

    private static final List<String> SIGNATURE = List.of(TXN_ID, TYPE, RECEIVED);
    private static final List<String> REQUIRED = List.of(TXN_ID, ORDER_NO, TYPE, FINISHED, RECEIVED, FEE, REFUND_NO);
    private static final List<String> ATTRIBUTES = List.of("订单金额（元）", "商品名称", "创建时间", "门店名称", "操作员",
            "终端号", "支付宝红包（元）", "集分宝（元）", "支付宝优惠（元）", "商家优惠（元）", "券核销金额（元）", "券名称",
            "商家红包消费金额（元）", "卡消费金额（元）", "分润（元）", "备注");

    private static final Pattern TRADE_TOTAL = Pattern.compile(
            "#交易合计[：:]\\s*(\\d+)笔[，,]\\s*商家实收共\\s*" + AlipayBills.AMOUNT + "元");
    private static final Pattern REFUND_TOTAL = Pattern.compile(
            "#退款合计[：:]\\s*(\\d+)笔[，,]\\s*商家实收退款共\\s*" + AlipayBills.AMOUNT + "元");
    private static final String MEMBER = "业务明细";

    public AlipayBusinessDetailParser() {
        super(TITLE, MEMBER, SIGNATURE, REQUIRED);
    }

    @Override
    public String formatId() {
        return "alipay-business-detail";
    }

    @Override
    Tally tally(RecordSink sink) {
        return new Tally(sink);
    }

    @Override
    void checkFooter(String name, List<Line> footer, int rows, Tally tally) {
        Matcher trades = AlipayBills.find(TRADE_TOTAL, footer);
        Matcher refunds = AlipayBills.find(REFUND_TOTAL, footer);
        if (trades == null || refunds == null) {
            throw new FileRejectedException(rows == 0 ? name + " is empty"
                    : name + " is truncated or corrupt: the footer totals (#交易合计, #退款合计) are missing");
        }
        checkFooter(name, trades, refunds, tally);
    }

    @Override
    CanonicalRecord toRecord(Header h, Row row, ZoneId zone) {
        List<String> c = row.cells();
        String txnId = Cells.required(TXN_ID, h.get(c, TXN_ID));
        String orderNo = Cells.required(ORDER_NO, h.get(c, ORDER_NO));
        OffsetDateTime at = Cells.time(FINISHED, h.get(c, FINISHED), zone);
        BigDecimal received = Cells.money(RECEIVED, h.get(c, RECEIVED));
        BigDecimal fee = Cells.fee(FEE, h.get(c, FEE));
        String type = h.get(c, TYPE);
        RecordKind kind = switch (type) {
            case "交易" -> RecordKind.PAYMENT;
            case "退款" -> RecordKind.REFUND;
            default -> throw new BadValue(TYPE, TYPE + " '" + type + "' is neither 交易 nor 退款");
        };
        // trades receive money, refunds give it back: a sign the other way round is not this layout
        if (received.signum() != 0 && (received.signum() > 0) != (kind == RecordKind.PAYMENT)) {
            throw new BadValue(RECEIVED, RECEIVED + " '" + received + "' has the wrong sign for a " + type + " row");
        }
        String refundNo = kind == RecordKind.REFUND ? Cells.orNull(h.get(c, REFUND_NO)) : null;
        return new CanonicalRecord(kind, at.toLocalDate(), orderNo, txnId, refundNo, received.abs(), fee, "CNY",
                "SUCCESS", at, Cells.orNull(h.get(c, STORE)), "alipay", null, row.line(), row.raw(),
                h.attributes(c, ATTRIBUTES));
    }

    private static void checkFooter(String name, Matcher trades, Matcher refunds, Tally detail) {
        int tradeCount = Integer.parseInt(trades.group(1));
        int refundCount = Integer.parseInt(refunds.group(1));
        BigDecimal tradeSum = AlipayBills.footerAmount(name, trades.group(2));
        BigDecimal refundSum = AlipayBills.footerAmount(name, refunds.group(2));
        int payments = detail.count(RecordKind.PAYMENT);
        int refundRows = detail.count(RecordKind.REFUND);
        BigDecimal rowTrades = detail.amount(RecordKind.PAYMENT);
        BigDecimal rowRefunds = detail.amount(RecordKind.REFUND).negate();
        // quarantined rows are reported on their own: only the overall row count can still be checked
        boolean agrees = detail.rejected() == 0
                ? tradeCount == payments && refundCount == refundRows
                        && tradeSum.compareTo(rowTrades) == 0 && refundSum.compareTo(rowRefunds) == 0
                : tradeCount + refundCount == detail.rows();
        if (!agrees) {
            throw new FileRejectedException(String.format("%s is truncated or corrupt: footer says %d trades / %s yuan"
                            + " and %d refunds / %s yuan, detail has %d trades / %s yuan and %d refunds / %s yuan"
                            + " (%d rows in all)",
                    name, tradeCount, tradeSum, refundCount, refundSum, payments, rowTrades,
                    refundRows, rowRefunds, detail.rows()));
        }
    }
}
