package com.reconflow.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.reconflow.ingest.CanonicalRecord;
import com.reconflow.ingest.FileRejectedException;
import com.reconflow.ingest.ParsedFile;
import com.reconflow.ingest.RecordKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** channel-orders as an XLSX workbook: the CSV layout's headers and rules, read from the first sheet. */
class ChannelOrdersXlsxTest {

    private static final List<String> HEADER = List.of("订单号", "下单时间", "支付时间", "订单金额", "支付方式", "支付流水号",
            "订单状态", "退款金额", "门店", "商品类目", "SKU", "数量");

    private final ChannelOrdersParser parser = new ChannelOrdersParser();

    @Test
    void readsDateCellsTextDatesAndNumbersLikeTheCsv() throws IOException {
        ChannelFile file = workbook(HEADER, (wb, sheet) -> {
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy/m/d h:mm:ss"));
            Row r = sheet.createRow(1);
            r.createCell(0).setCellValue(382358352597d); // a long order number stored as a number
            r.createCell(1).setCellValue(LocalDateTime.of(2026, 11, 20, 0, 3, 33));
            r.getCell(1).setCellStyle(date);
            r.createCell(2).setCellValue(LocalDateTime.of(2026, 11, 20, 0, 3, 53));
            r.getCell(2).setCellStyle(date);
            r.createCell(3).setCellValue(24);
            r.createCell(4).setCellValue("alipay");
            r.createCell(5).setCellValue("2026112022000343930416197347");
            r.createCell(6).setCellValue("PAID");
            r.createCell(7).setCellValue(0);
            r.createCell(8).setCellValue("jd");
            r.createCell(9).setCellValue("家居");
            r.createCell(10).setCellValue("JJ0002");
            r.createCell(11).setCellValue(1);
            text(sheet.createRow(3), "A2", "2026-11-20 10:00:00", "2026-11-20 10:00:05", "1,234.50", "cash", "",
                    "PAID", "0.00", "S001", "饰品", "SS1", "2");
        });

        ParsedFile parsed = Samples.parse(parser, file);

        assertThat(parsed.rejectedRows()).isEmpty();
        assertThat(parsed.records()).hasSize(2).allMatch(r -> r.kind() == RecordKind.ORDER);
        CanonicalRecord first = parsed.records().get(0);
        assertThat(first.lineNo()).isEqualTo(2);
        assertThat(first.orderNo()).isEqualTo("382358352597");
        assertThat(first.amount()).isEqualTo(new BigDecimal("24.00"));
        assertThat(first.occurredAt()).isEqualTo(OffsetDateTime.parse("2026-11-20T00:03:53+08:00"));
        assertThat(first.attributes()).containsEntry("下单时间", "2026-11-20 00:03:33").containsEntry("数量", "1");
        assertThat(first.rawLine()).startsWith("382358352597,2026-11-20 00:03:33,2026-11-20 00:03:53,24,alipay,");
        CanonicalRecord second = parsed.records().get(1);
        assertThat(second.lineNo()).as("the spreadsheet row, the empty row 3 skipped").isEqualTo(4);
        assertThat(second.amount()).isEqualTo(new BigDecimal("1234.50"));
        assertThat(second.occurredAt()).isEqualTo(OffsetDateTime.parse("2026-11-20T10:00:05+08:00"));
    }

    @Test
    void badAmountCellIsARowErrorWithItsRowAndField() throws IOException {
        ChannelFile file = workbook(HEADER, (wb, sheet) -> {
            text(sheet.createRow(1), "A1", "2026-11-20 10:00:00", "2026-11-20 10:00:05", "12,34x", "cash", "",
                    "PAID", "0.00", "S001", "饰品", "SS1", "1");
            text(sheet.createRow(2), "A2", "2026-11-20 10:00:00", "2026-11-20 10:00:05", "10.00", "cash", "",
                    "PAID", "0.00", "S001", "饰品", "SS1", "1");
        });

        ParsedFile parsed = Samples.parse(parser, file);

        assertThat(parsed.records()).extracting(CanonicalRecord::orderNo).containsExactly("A2");
        assertThat(parsed.rejectedRows()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.field()).isEqualTo("订单金额");
            assertThat(e.message()).contains("12,34x");
            assertThat(e.rawLine()).startsWith("A1,");
        });
    }

    @Test
    void shortRowsAreFilledAndAValueBeyondTheHeaderIsARowError() throws IOException {
        ChannelFile file = workbook(HEADER, (wb, sheet) -> {
            // a cancelled order whose trailing SKU and 数量 cells were never written
            text(sheet.createRow(1), "C1", "2026-11-20 09:00:00", "", "50.00", "alipay", "", "CANCELLED", "0.00",
                    "S001", "饰品");
            Row extra = text(sheet.createRow(2), "A2", "2026-11-20 10:00:00", "2026-11-20 10:00:05", "10.00", "cash",
                    "", "PAID", "0.00", "S001", "饰品", "SS1", "1");
            extra.createCell(13).setCellValue("stray");
        });

        ParsedFile parsed = Samples.parse(parser, file);

        assertThat(parsed.records()).singleElement().satisfies(r -> {
            assertThat(r.orderNo()).isEqualTo("C1");
            assertThat(r.attributes()).containsEntry("SKU", "");
        });
        assertThat(parsed.rejectedRows()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.message()).isEqualTo("cell N3 has a value but no column header");
        });
    }

    @Test
    void missingColumnRejectsTheWorkbookNamingIt() throws IOException {
        ChannelFile file = workbook(HEADER.stream().filter(h -> !h.equals("门店") && !h.equals("支付时间")).toList(),
                (wb, sheet) -> text(sheet.createRow(1), "A1"));

        assertThat(parser.recognises(file)).isTrue();
        assertThatThrownBy(() -> Samples.parse(parser, file)).isInstanceOf(FileRejectedException.class)
                .hasMessageContaining("orders.xlsx: header lacks required column(s) 支付时间, 门店");
    }

    @Test
    void headerOnlyWorkbookIsEmpty() throws IOException {
        ChannelFile file = workbook(HEADER, (wb, sheet) -> { });

        assertThatThrownBy(() -> Samples.parse(parser, file)).isInstanceOf(FileRejectedException.class)
                .hasMessage("orders.xlsx is empty: it has a header but no data rows");
    }

    @Test
    void detectorPicksChannelOrdersForTheWorkbookByContentOnly() throws IOException {
        ChannelFile orders = workbook(HEADER, (wb, sheet) -> text(sheet.createRow(1), "A1", "2026-11-20 10:00:00",
                "2026-11-20 10:00:05", "10.00", "cash", "", "PAID", "0.00", "S001", "饰品", "SS1", "1"));
        ChannelFile other = workbook(List.of("日期", "金额"), (wb, sheet) -> text(sheet.createRow(1), "2026-11-20", "1"));
        FormatDetector detector = new FormatDetector(FormatDetector.all());

        assertThat(detector.detect(ChannelFile.ofBytes("upload.bin", bytesOf(orders), Samples.SHANGHAI)).formatId())
                .isEqualTo("channel-orders");
        assertThatThrownBy(() -> detector.detect(other)).isInstanceOf(FileRejectedException.class)
                .hasMessage("file orders.xlsx: unknown layout, first line: (a zip archive)");
    }

    @Test
    void zipThatIsNoWorkbookIsNotRecognised() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("orders.csv"));
            zip.write(String.join(",", HEADER).getBytes(StandardCharsets.UTF_8));
        }

        assertThat(parser.recognises(ChannelFile.ofBytes("orders.zip", out.toByteArray(), Samples.SHANGHAI))).isFalse();
    }

    @Test
    void brokenWorkbookIsRejectedAsUnreadable() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
            zip.write("<workbook".getBytes(StandardCharsets.UTF_8));
        }
        ChannelFile file = ChannelFile.ofBytes("orders.xlsx", out.toByteArray(), Samples.SHANGHAI);

        assertThat(parser.recognises(file)).isFalse();
        assertThatThrownBy(() -> Samples.parse(parser, file)).isInstanceOf(FileRejectedException.class)
                .hasMessageStartingWith("orders.xlsx: not a readable XLSX workbook");
    }

    interface Rows {
        void write(XSSFWorkbook wb, Sheet sheet);
    }

    private static ChannelFile workbook(List<String> header, Rows rows) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("订单");
            text(sheet.createRow(0), header.toArray(String[]::new));
            rows.write(wb, sheet);
            wb.createSheet("说明").createRow(0).createCell(0).setCellValue("only the first sheet is read");
            wb.write(out);
            return ChannelFile.ofBytes("orders.xlsx", out.toByteArray(), Samples.SHANGHAI);
        }
    }

    private static Row text(Row row, String... values) {
        for (int i = 0; i < values.length; i++) {
            if (!values[i].isEmpty()) {
                row.createCell(i).setCellValue(values[i]);
            }
        }
        return row;
    }

    private static byte[] bytesOf(ChannelFile file) throws IOException {
        return Files.readAllBytes(file.path());
    }
}
