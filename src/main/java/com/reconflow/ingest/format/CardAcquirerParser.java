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
import java.util.function.UnaryOperator;

/** Bank-card acquirer settlement for the POS terminals ({@code card-acquirer}). */
public final class CardAcquirerParser implements ChannelFileParser {

    private static final String TIME = "交易时间";
    private static final String TYPE = "交易类型";
    private static final String REFERENCE = "参考号";
    private static final String AMOUNT = "交易金额";
    private static final String FEE = "手续费";
    private static final String ORDER_NO = "订单号";
    private static final String SETTLED = "结算金额";

    private static final List<String> SIGNATURE = List.of(REFERENCE, "卡号", SETTLED);
    private static final List<String> ATTRIBUTES = List.of("商户号", "终端号", "批次号", "凭证号", "卡号", SETTLED);
    private static final List<String> REQUIRED = List.of("商户号", "终端号", TIME, TYPE, "批次号", "凭证号", REFERENCE,
            "卡号", AMOUNT, FEE, ORDER_NO, SETTLED);

    @Override
    public String formatId() {
        return "card-acquirer";
    }

    @Override
    public boolean recognises(ChannelFile file) {
        return Table.firstCells(file.head(), l -> false).containsAll(SIGNATURE);
    }

    @Override
    public void parse(ChannelFile file, RecordSink sink) {
        Table.simple(file, Table.QUOTED, UnaryOperator.identity(), REQUIRED, h -> row -> toRecord(h, row, file.zone()), sink);
    }

    private static CanonicalRecord toRecord(Header h, Row row, ZoneId zone) {
        List<String> c = row.cells();
        String reference = Cells.required(REFERENCE, h.get(c, REFERENCE));
        OffsetDateTime at = Cells.time(TIME, h.get(c, TIME), zone);
        BigDecimal amount = Cells.money(AMOUNT, h.get(c, AMOUNT));
        BigDecimal fee = Cells.fee(FEE, h.get(c, FEE));
        Map<String, String> attributes = h.attributes(c, ATTRIBUTES);
        attributes.put(SETTLED, Cells.money(SETTLED, h.get(c, SETTLED)).toPlainString());
        String type = h.get(c, TYPE);
        RecordKind kind = switch (type) {
            case "消费" -> RecordKind.PAYMENT;
            case "退货" -> RecordKind.REFUND;
            default -> throw new BadValue(TYPE, TYPE + " '" + type + "' is neither 消费 nor 退货");
        };
        if (kind == RecordKind.PAYMENT && amount.signum() < 0) {
            throw new BadValue(AMOUNT, AMOUNT + " '" + amount + "' is negative on a 消费 row");
        }
        // a 退货 is its own card transaction: its reference number identifies the refund
        String refundNo = kind == RecordKind.REFUND ? reference : null;
        return new CanonicalRecord(kind, at.toLocalDate(), Cells.orNull(h.get(c, ORDER_NO)), reference, refundNo,
                amount.abs(), fee, "CNY", "SUCCESS", at, null, "card", null, row.line(), row.raw(), attributes);
    }
}
