package com.reconflow.ingest.http;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes API items as a {@code channel-orders} file (UTF-8, the canonical headers), one row per item
 * as it arrives. Values are written as the API gives them, so that the import's own checks judge them
 * and quarantine a bad row with its reason; only ISO-8601 times with an offset are turned into the
 * layout's local time of the business zone.
 */
final class ChannelOrdersCsv implements Closeable {

    static final String PLACED_AT = "下单时间";
    static final String PAID_AT = "支付时间";
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private final Map<String, JsonPointer> columns;
    private final ZoneId zone;
    private final CSVPrinter printer;
    private long rows;

    private ChannelOrdersCsv(Map<String, JsonPointer> columns, ZoneId zone, CSVPrinter printer) {
        this.columns = columns;
        this.zone = zone;
        this.printer = printer;
    }

    static ChannelOrdersCsv create(Path file, ChannelApiProperties.Fields fields, ZoneId zone) {
        Map<String, JsonPointer> columns = columns(fields);
        try {
            CSVPrinter printer = CSVFormat.DEFAULT.builder()
                    .setHeader(columns.keySet().toArray(String[]::new))
                    .get()
                    .print(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
            return new ChannelOrdersCsv(columns, zone, printer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The layout's columns in its order, each with where the item holds it (null: left empty). */
    static Map<String, JsonPointer> columns(ChannelApiProperties.Fields f) {
        Map<String, JsonPointer> columns = new LinkedHashMap<>();
        columns.put("订单号", pointer(f.orderNo()));
        columns.put(PLACED_AT, pointer(f.placedAt()));
        columns.put(PAID_AT, pointer(f.paidAt()));
        columns.put("订单金额", pointer(f.amount()));
        columns.put("支付方式", pointer(f.paymentMethod()));
        columns.put("支付流水号", pointer(f.txnId()));
        columns.put("订单状态", pointer(f.status()));
        columns.put("退款金额", pointer(f.refundAmount()));
        columns.put("门店", pointer(f.store()));
        columns.put("商品类目", pointer(f.category()));
        columns.put("SKU", pointer(f.sku()));
        columns.put("数量", pointer(f.quantity()));
        return columns;
    }

    void write(JsonNode item) {
        List<String> row = new ArrayList<>(columns.size());
        columns.forEach((column, pointer) -> {
            String value = pointer == null ? "" : text(item.at(pointer));
            row.add(column.equals(PLACED_AT) || column.equals(PAID_AT) ? localTime(value) : value);
        });
        try {
            printer.printRecord(row);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the order file", e);
        }
        rows++;
    }

    long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }

    private static JsonPointer pointer(String normalised) {
        return normalised == null ? null : JsonPointers.compile(normalised);
    }

    /** Numbers exactly as written (amounts are read as BigDecimal), objects and arrays as JSON. */
    private static String text(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return "";
        }
        if (node.isNumber()) {
            return node.decimalValue().toPlainString();
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    private String localTime(String value) {
        if (value.length() < 20 || value.charAt(10) != 'T') {
            return value;
        }
        try {
            return OffsetDateTime.parse(value).atZoneSameInstant(zone).format(LOCAL_TIME);
        } catch (DateTimeParseException notIsoWithOffset) {
            return value;
        }
    }
}
