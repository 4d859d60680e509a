package com.reconflow.stock.intake;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import com.reconflow.ingest.format.ChannelFile;
import com.reconflow.ingest.format.FormatDetector;
import com.reconflow.ingest.format.PlainTable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The layout alone: recognised by its header and by no record layout, rows read or refused by field. */
class StockMovementsFormatTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String HEADER = "单据号,类型,SKU,库位,数量,发生时间,订单号,对方库位,备注\n";

    @Test
    void itsHeaderIsRecognisedByItAndByNoRecordLayout() throws Exception {
        ChannelFile file = ChannelFile.ofBytes("movements.csv", ("\uFEFF" + HEADER
                + "PO-1,RECEIPT,MZ0001,WH-EAST,5,2026-11-20 08:00:00,,,\n").getBytes(StandardCharsets.UTF_8), SHANGHAI);
        try {
            assertThat(StockMovementsFormat.recognises(PlainTable.header(file))).isTrue();
            assertThat(FormatDetector.all()).noneMatch(parser -> parser.recognises(file));
        } finally {
            Files.deleteIfExists(file.path());
        }
        ChannelFile orders = ChannelFile.ofBytes("orders.csv", ("订单号,下单时间,支付时间,订单金额,支付方式,支付流水号,订单状态,"
                + "退款金额,门店,商品类目,SKU,数量\n").getBytes(StandardCharsets.UTF_8), SHANGHAI);
        try {
            assertThat(StockMovementsFormat.recognises(PlainTable.header(orders))).isFalse();
        } finally {
            Files.deleteIfExists(orders.path());
        }
    }

    @Test
    void aRowIsReadWithItsTimeInTheBusinessZone() {
        var line = StockMovementsFormat.read(row("TR-1", "TRANSFER_OUT", "+3", "2026-11-20 08:00:00", "", "S-1", "x"),
                SHANGHAI);
        assertThat(line.quantity()).isEqualTo(3);
        assertThat(line.occurredAt()).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
        assertThat(line.counterpart()).isEqualTo("S-1");
        assertThat(line.orderNo()).isNull();
        assertThat(StockMovementsFormat.read(row("ST-1", "STOCKTAKE", "0", "2026-11-20 08:00:00", "", "", ""), SHANGHAI)
                .quantity()).isZero();
        assertThat(StockMovementsFormat.read(row("A-1", "ADJUSTMENT", "-004", "2026-11-20 08:00:00", "", "", ""), SHANGHAI)
                .quantity()).isEqualTo(-4);
    }

    @Test
    void aBadValueNamesItsField() {
        assertRefused(row("R-1", "receipt", "1", "2026-11-20 08:00:00", "", "", ""), "类型",
                "类型 'receipt' is not one of RECEIPT, SALE, RETURN, TRANSFER_OUT, TRANSFER_IN, ADJUSTMENT, STOCKTAKE");
        assertRefused(row("R-1", "RECEIPT", "-1", "2026-11-20 08:00:00", "", "", ""), "数量",
                "数量 '-1' of a RECEIPT must be a positive whole number");
        assertRefused(row("R-1", "RECEIPT", "1,000", "2026-11-20 08:00:00", "", "", ""), "数量",
                "数量 '1,000' is not a whole number");
        assertRefused(row("R-1", "RECEIPT", "99999999999", "2026-11-20 08:00:00", "", "", ""), "数量",
                "数量 '99999999999' is larger than 1000000000");
        assertRefused(row("R-1", "RECEIPT", "1", "2026/11/20 08:00", "", "", ""), "发生时间",
                "发生时间 '2026/11/20 08:00' is not a time like 2026-11-20 13:45:00");
        assertRefused(row("R-1", "TRANSFER_IN", "1", "2026-11-20 08:00:00", "", "WH-EAST", ""), "对方库位",
                "对方库位 'WH-EAST' is the row's own 库位");
        assertRefused(row("R-1", "RECEIPT", "1", "2026-11-20 08:00:00", "", "WH-WEST", ""), "对方库位",
                "对方库位 'WH-WEST' is given, but only a TRANSFER_OUT or a TRANSFER_IN has another location, not a RECEIPT");
        assertRefused(row("R-1", "RECEIPT", "1", "2026-11-20 08:00:00", "", "", "x".repeat(401)), "备注",
                "备注 is longer than 400 characters");
    }

    private static void assertRefused(PlainTable.Row row, String field, String message) {
        assertThatThrownBy(() -> StockMovementsFormat.read(row, SHANGHAI))
                .isInstanceOfSatisfying(StockMovementsFormat.BadRow.class, bad -> {
                    assertThat(bad.field()).isEqualTo(field);
                    assertThat(bad.getMessage()).isEqualTo(message);
                });
    }

    private static PlainTable.Row row(String documentNo, String type, String quantity, String time, String orderNo,
                                      String counterpart, String note) {
        List<String> names = List.of("单据号", "类型", "SKU", "库位", "数量", "发生时间", "订单号", "对方库位", "备注");
        List<String> values = List.of(documentNo, type, "MZ0001", "WH-EAST", quantity, time, orderNo, counterpart, note);
        var map = new java.util.LinkedHashMap<String, String>();
        for (int i = 0; i < names.size(); i++) {
            map.put(names.get(i), values.get(i));
        }
        return new PlainTable.Row(2, String.join(",", values), map);
    }
}
