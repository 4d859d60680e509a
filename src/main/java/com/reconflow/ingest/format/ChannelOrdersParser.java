package com.reconflow.ingest.format;

import com.reconflow.ingest.CanonicalRecord;
import com.reconflow.ingest.RecordKind;
import com.reconflow.ingest.RecordSink;
import com.reconflow.ingest.format.Cells.BadValue;
import com.reconflow.ingest.format.Table.RowMapper;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** The retailer's generic order export (JD, Douyin, mini-program, POS, ERP): {@code channel-orders}, CSV or XLSX. */
public final class ChannelOrdersParser implements ChannelFileParser {

    private static final String ORDER_NO = "订单号";
    private static final String PLACED_AT = "下单时间";
    private static final String PAID_AT = "支付时间";
    private static final String AMOUNT = "订单金额";
    private static final String METHOD = "支付方式";
    private static final String TXN_ID = "支付流水号";
    private static final String STATUS = "订单状态";
    private static final String REFUNDED = "退款金额";
    private static final String STORE = "门店";
    private static final String CATEGORY = "商品类目";
    private static final String SKU = "SKU";
    private static final String QUANTITY = "数量";

    private static final List<String> COLUMNS = List.of(ORDER_NO, PLACED_AT, PAID_AT, AMOUNT, METHOD, TXN_ID,
            STATUS, REFUNDED, STORE, CATEGORY, SKU, QUANTITY);
    // Enough to know the layout; a missing amount or time column is then named by parse().
    private static final List<String> SIGNATURE = List.of(ORDER_NO, METHOD, STATUS);
    private static final Set<String> STATUSES = Set.of("PAID", "REFUNDED", "PARTIALLY_REFUNDED", "CANCELLED");
    private static final Set<String> METHODS = Set.of("alipay", "wechatpay", "card", "cash");

    @Override
    public String formatId() {
        return "channel-orders";
    }

    @Override
    public boolean recognises(ChannelFile file) {
        List<String> header = file.isZip() ? SheetTable.firstRow(file) : Table.firstCells(file.head(), l -> false);
        return header.containsAll(SIGNATURE);
    }

    /** CSV or the first sheet of an XLSX workbook: two readers, one row mapping. */
    @Override
    public void parse(ChannelFile file, RecordSink sink) {
        Function<Header, RowMapper> mapping = h -> row -> toRecord(h, row, file.zone());
        if (file.isZip()) {
            SheetTable.simple(file, 0, COLUMNS, mapping, sink);
        } else {
            Table.simple(file, Table.QUOTED, UnaryOperator.identity(), COLUMNS, mapping, sink);
        }
    }

    private static CanonicalRecord toRecord(Header h, Table.Row row, ZoneId zone) {
        List<String> cells = row.cells();
        String orderNo = Cells.required(ORDER_NO, h.get(cells, ORDER_NO));
        BigDecimal amount = Cells.nonNegativeMoney(AMOUNT, h.get(cells, AMOUNT));
        String status = Cells.oneOf(STATUS, h.get(cells, STATUS), STATUSES);
        String method = Cells.oneOf(METHOD, h.get(cells, METHOD), METHODS);
        OffsetDateTime placedAt = Cells.time(PLACED_AT, h.get(cells, PLACED_AT), zone);
        String paid = h.get(cells, PAID_AT);
        if (paid.isEmpty() && !status.equals("CANCELLED")) {
            throw new BadValue(PAID_AT, PAID_AT + " is empty but the order is " + status);
        }
        OffsetDateTime occurredAt = paid.isEmpty() ? placedAt : Cells.time(PAID_AT, paid, zone);

        Map<String, String> attributes = h.others(cells, COLUMNS);
        attributes.put(SKU, h.get(cells, SKU));
        attributes.put(QUANTITY, h.get(cells, QUANTITY));
        attributes.put(PLACED_AT, h.get(cells, PLACED_AT));
        String refunded = h.get(cells, REFUNDED);
        attributes.put(REFUNDED, refunded.isEmpty() ? "" : Cells.nonNegativeMoney(REFUNDED, refunded).toPlainString());

        return new CanonicalRecord(RecordKind.ORDER, occurredAt.toLocalDate(), orderNo,
                Cells.orNull(h.get(cells, TXN_ID)), null, amount, null, "CNY", status, occurredAt,
                Cells.orNull(h.get(cells, STORE)), method, Cells.orNull(h.get(cells, CATEGORY)),
                row.line(), row.raw(), attributes);
    }
}
