package com.reconflow.ingest.format;

import com.reconflow.ingest.CanonicalRecord;
import com.reconflow.ingest.FileRejectedException;
import com.reconflow.ingest.RecordKind;
import com.reconflow.ingest.RecordSink;
import com.reconflow.ingest.format.Cells.BadValue;
import com.reconflow.ingest.format.Lines.Line;
import com.reconflow.ingest.format.Table.Row;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * WeChat Pay trade bill ({@code wechatpay-tradebill}): the ALL, SUCCESS and REFUND layouts and the
 * pre-2018 24-column one, told apart by their headers. The closing summary must agree with the rows.
 */
public final class WechatPayTradeBillParser implements ChannelFileParser {

    private static final String TIME = "交易时间";
    private static final String TXN_ID = "微信订单号";
    private static final String ORDER_NO = "商户订单号";
    private static final String STATE = "交易状态";
    private static final String SETTLED = "应结订单金额";
    private static final String SETTLED_OLD = "总金额";
    private static final String REFUND = "退款金额";
    private static final String FEE = "手续费";
    private static final String SUMMARY = "总交易单数";

    /** Free-text columns WeChat writes without quoting, where an ASCII comma splits the value. */
    private static final List<String> TEXT_COLUMNS = List.of("商品名称", "商户数据包");
    private static final List<String> PAYMENT_ATTRIBUTES = List.of("交易类型", "商品名称", "商户数据包", "费率",
            "订单金额", "费率备注", "设备号", "付款银行", "代金券金额", "代金券或立减优惠金额", "公众账号ID", "商户号",
            "特约商户号", "子商户号");
    private static final List<String> REFUND_ATTRIBUTES = Stream.concat(PAYMENT_ATTRIBUTES.stream(),
            Stream.of("微信退款单号", "商户退款单号", "退款类型", "退款状态", "申请退款金额", "充值券退款金额",
                    "代金券或立减优惠退款金额", "退款申请时间", "退款成功时间")).toList();

    @Override
    public String formatId() {
        return "wechatpay-tradebill";
    }

    @Override
    public boolean recognises(ChannelFile file) {
        return Lines.all(file.head()).stream().filter(l -> !l.blank()).findFirst()
                .map(l -> Cells.clean(l.text()))
                .filter(l -> l.startsWith(TIME) && l.contains(TXN_ID) && l.contains(ORDER_NO))
                .isPresent();
    }

    @Override
    public void parse(ChannelFile file, RecordSink sink) {
        String name = file.fileName();
        ZoneId zone = file.zone();
        try (Lines lines = Lines.open(file)) {
            Line first = lines.nextNonBlank();
            if (first == null) {
                throw new FileRejectedException(name + " is empty");
            }
            Table table = Table.read(name, first, lines, Table.UNQUOTED, UnaryOperator.identity(),
                    l -> Cells.clean(l.text()).startsWith(SUMMARY));
            Header h = table.header().require(List.of(TIME, TXN_ID, ORDER_NO, STATE, FEE, settledColumn(table.header())));
            Tally tally = new Tally(sink);
            int rows = table.emit(tally, r -> recoverExtraComma(h, r, zone), r -> toRecord(h, r, zone));
            Line summary = lines.next();
            if (summary == null) {
                throw new FileRejectedException(rows == 0 ? name + " is empty"
                        : name + " is truncated or corrupt: no summary (" + SUMMARY + ") after the detail rows");
            }
            checkSummary(name, summary, lines.nextNonBlank(), tally);
        }
    }

    private static String settledColumn(Header h) {
        return h.has(SETTLED_OLD) && !h.has(SETTLED) ? SETTLED_OLD : SETTLED;
    }

    private static CanonicalRecord toRecord(Header h, Row row, ZoneId zone) {
        List<String> c = row.cells();
        OffsetDateTime at = Cells.time(TIME, h.get(c, TIME), zone);
        String orderNo = Cells.required(ORDER_NO, h.get(c, ORDER_NO));
        String txnId = Cells.required(TXN_ID, h.get(c, TXN_ID));
        BigDecimal fee = Cells.fee(FEE, h.get(c, FEE));
        String currency = h.get(c, "货币种类").isEmpty() ? "CNY" : h.get(c, "货币种类");
        String state = h.get(c, STATE);
        switch (state) {
            case "SUCCESS" -> {
                String column = settledColumn(h);
                BigDecimal amount = Cells.nonNegativeMoney(column, h.get(c, column));
                return new CanonicalRecord(RecordKind.PAYMENT, at.toLocalDate(), orderNo, txnId, null, amount, fee,
                        currency, state, at, null, "wechatpay", null, row.line(), row.raw(),
                        h.attributes(c, PAYMENT_ATTRIBUTES));
            }
            case "REFUND" -> {
                BigDecimal amount = Cells.money(REFUND, h.get(c, REFUND)).abs();
                // the REFUND layout keeps the payment time in 交易时间 and adds when the refund was accepted
                String accepted = h.get(c, "退款申请时间");
                OffsetDateTime refundAt = accepted.isEmpty() ? at : Cells.time("退款申请时间", accepted, zone);
                String status = h.get(c, "退款状态").isEmpty() ? state : h.get(c, "退款状态");
                return new CanonicalRecord(RecordKind.REFUND, refundAt.toLocalDate(), orderNo, txnId,
                        refundNo(h, c), amount, fee, currency, status, refundAt, null, "wechatpay", null,
                        row.line(), row.raw(), h.attributes(c, REFUND_ATTRIBUTES));
            }
            default -> throw new BadValue(STATE, STATE + " '" + state + "' is neither SUCCESS nor REFUND");
        }
    }

    /** The merchant's refund number, else WeChat's; payment rows write {@code 0} for "none". */
    private static String refundNo(Header h, List<String> c) {
        return List.of(h.get(c, "商户退款单号"), h.get(c, "微信退款单号")).stream()
                .filter(v -> !v.isEmpty() && !v.equals("0")).findFirst().orElse(null);
    }

    /**
     * A row with one field too many because of an unquoted comma in a free-text value. Every WeChat
     * value starts with a backtick, so the piece after the comma is the only field without one; the row
     * is rejoined only when that piece follows a free-text column and the result is a valid row.
     */
    private static Row recoverExtraComma(Header h, Row row, ZoneId zone) {
        List<String> c = row.cells();
        if (c.size() != h.size() + 1) {
            return row;
        }
        List<Integer> pieces = IntStream.range(1, c.size()).filter(i -> !c.get(i).startsWith("`")).boxed().toList();
        if (pieces.size() != 1 || !TEXT_COLUMNS.contains(h.names().get(pieces.get(0) - 1))) {
            return row;
        }
        int k = pieces.get(0);
        List<String> joined = new ArrayList<>(c.subList(0, k - 1));
        joined.add(c.get(k - 1) + "," + c.get(k));
        joined.addAll(c.subList(k + 1, c.size()));
        Row recovered = new Row(row.line(), row.raw(), joined);
        try {
            toRecord(h, recovered, zone);
            return recovered;
        } catch (BadValue e) {
            return row;
        }
    }

    /** The summary block: counts and totals must match the detail, or the file was cut or altered. */
    private static void checkSummary(String name, Line header, Line values, Tally detail) {
        if (values == null) {
            throw new FileRejectedException(name + " is truncated or corrupt: the summary has no values");
        }
        Header h = new Header(name, Table.split(Table.UNQUOTED, header.text()));
        String settledTotal = h.has("应结订单总金额") ? "应结订单总金额" : "总交易额";
        String refundTotal = h.has("退款总金额") ? "退款总金额" : "总退款金额";
        String feeTotal = "手续费总金额";
        h.require(List.of(SUMMARY, settledTotal, refundTotal, feeTotal));
        List<String> cells = Table.split(Table.UNQUOTED, values.text());

        BigDecimal count;
        BigDecimal settled;
        BigDecimal refunded;
        BigDecimal fees;
        try {
            count = Cells.decimal(SUMMARY, h.get(cells, SUMMARY));
            settled = Cells.decimal(settledTotal, h.get(cells, settledTotal)).setScale(2, RoundingMode.HALF_UP);
            refunded = Cells.decimal(refundTotal, h.get(cells, refundTotal)).abs().setScale(2, RoundingMode.HALF_UP);
            fees = Cells.decimal(feeTotal, h.get(cells, feeTotal)).setScale(2, RoundingMode.HALF_UP);
        } catch (BadValue e) {
            throw new FileRejectedException(name + " is corrupt: summary on line " + values.no() + ": "
                    + e.getMessage());
        }

        BigDecimal rowSettled = detail.amount(RecordKind.PAYMENT);
        BigDecimal rowRefunded = detail.amount(RecordKind.REFUND);
        BigDecimal rowFees = detail.fees().setScale(2, RoundingMode.HALF_UP);
        boolean countAgrees = count.compareTo(BigDecimal.valueOf(detail.rows())) == 0;
        // quarantined rows are reported on their own; their money cannot be added up, their count can
        boolean totalsAgree = detail.rejected() > 0 || (settled.compareTo(rowSettled) == 0
                && refunded.compareTo(rowRefunded) == 0 && fees.compareTo(rowFees) == 0);
        if (!countAgrees || !totalsAgree) {
            throw new FileRejectedException(String.format(
                    "%s is truncated or corrupt: summary says %s rows / %s yuan settled / %s yuan refunded / %s yuan fees,"
                            + " detail has %d rows / %s yuan settled / %s yuan refunded / %s yuan fees",
                    name, count.stripTrailingZeros().toPlainString(), settled, refunded, fees,
                    detail.rows(), rowSettled, rowRefunded, rowFees));
        }
    }
}
