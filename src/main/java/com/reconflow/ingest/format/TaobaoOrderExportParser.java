package com.reconflow.ingest.format;

import com.reconflow.ingest.CanonicalRecord;
import com.reconflow.ingest.RecordKind;
import com.reconflow.ingest.RecordSink;
import com.reconflow.ingest.format.Cells.BadValue;
import com.reconflow.ingest.format.Table.Row;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** Taobao/Tmall seller order export ({@code taobao-order-export}): GBK, every value written {@code ="…"}. */
public final class TaobaoOrderExportParser implements ChannelFileParser {

    private static final String ORDER_NO = "订单编号";
    private static final String PAID_AMOUNT = "买家实际支付金额";
    private static final String STATUS = "订单状态";
    private static final String CREATED = "订单创建时间";
    private static final String PAID_AT = "订单付款时间";
    private static final String SHOP = "店铺名称";
    private static final String CLOSE_REASON = "订单关闭原因";
    private static final String CLOSED = "交易关闭";

    private static final List<String> SIGNATURE = List.of(ORDER_NO, "买家会员名", PAID_AMOUNT);
    private static final List<String> REQUIRED = List.of(ORDER_NO, PAID_AMOUNT, STATUS, CREATED, PAID_AT, SHOP,
            CLOSE_REASON);
    private static final List<String> ATTRIBUTES = List.of(STATUS, "宝贝标题", "宝贝种类", "宝贝总数量", CLOSE_REASON,
            CREATED, PAID_AT, "买家应付货款", "买家应付邮费", "总金额", "店铺Id");

    @Override
    public String formatId() {
        return "taobao-order-export";
    }

    @Override
    public boolean recognises(ChannelFile file) {
        return Table.firstCells(file.head(), l -> false).containsAll(SIGNATURE);
    }

    @Override
    public void parse(ChannelFile file, RecordSink sink) {
        Table.simple(file, Table.QUOTED, TaobaoOrderExportParser::unwrapFormulas, REQUIRED, h -> row -> toRecord(h, row, file.zone()), sink);
    }

    private static CanonicalRecord toRecord(Header h, Row row, ZoneId zone) {
        List<String> c = row.cells();
        String orderNo = Cells.required(ORDER_NO, h.get(c, ORDER_NO));
        BigDecimal amount = Cells.nonNegativeMoney(PAID_AMOUNT, h.get(c, PAID_AMOUNT));
        OffsetDateTime created = Cells.time(CREATED, h.get(c, CREATED), zone);
        String paidText = h.get(c, PAID_AT);
        OffsetDateTime paidAt = paidText.isEmpty() ? null : Cells.time(PAID_AT, paidText, zone);
        String status = canonicalStatus(Cells.required(STATUS, h.get(c, STATUS)), paidAt != null,
                h.get(c, CLOSE_REASON));
        OffsetDateTime at = paidAt != null ? paidAt : created;

        Map<String, String> attributes = h.attributes(c, ATTRIBUTES);
        if (status.equals("REFUNDED")) {
            attributes.put("退款金额", amount.toPlainString()); // Tmall refunds close the whole order
        }
        return new CanonicalRecord(RecordKind.ORDER, at.toLocalDate(), orderNo, null, null, amount, null, "CNY",
                status, at, Cells.orNull(h.get(c, SHOP)), "alipay", null, row.line(), row.raw(), attributes);
    }

    /** Tmall has no refund status: a paid order closed for a refund is REFUNDED, an unpaid closed one CANCELLED. */
    private static String canonicalStatus(String status, boolean paid, String closeReason) {
        if (status.equals(CLOSED)) {
            if (!paid) {
                return "CANCELLED";
            }
            if (closeReason.contains("退款")) {
                return "REFUNDED";
            }
            throw new BadValue(CLOSE_REASON, "paid order is " + CLOSED + " but " + CLOSE_REASON + " '" + closeReason
                    + "' is not a refund");
        }
        if (!paid) {
            throw new BadValue(PAID_AT, PAID_AT + " is empty but " + STATUS + " is '" + status + "'");
        }
        return "PAID";
    }

    /**
     * Turns Excel's {@code ="…"} text cells into plain quoted CSV fields, so that a comma inside one does
     * not split it; only an {@code =} at the start of a field, outside quotes, is dropped.
     */
    static String unwrapFormulas(String line) {
        StringBuilder out = new StringBuilder(line.length());
        boolean quoted = false;
        boolean atFieldStart = true;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (atFieldStart && c == '=' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                continue; // still at field start: the quote that follows opens the field
            }
            out.append(c);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        out.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                }
            } else if (c == '"' && atFieldStart) {
                quoted = true;
            }
            atFieldStart = !quoted && c == ',';
        }
        return out.toString();
    }
}
