package com.reconflow.archive;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.reconflow.config.Digests;
import com.reconflow.support.Api;
import com.reconflow.support.H2AppTest;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run with matches, decided, approved, auto-resolved, superseded and carried discrepancies,
 * archived, and its workbook and voucher downloaded and read as finance would.
 */
class ArchivedRunTest extends H2AppTest {

    private static final LocalDate DAY = LocalDate.of(2023, 4, 3);

    @Autowired
    ArchiveService archiveService;

    private ArchiveFixture fixture;
    private final DataFormatter cells = new DataFormatter();

    @BeforeEach
    void fixture() {
        fixture = new ArchiveFixture(jdbc());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theWorkbookAndTheVoucherShowTheRunsFiguresDecisionsAndCarriedItems() throws Exception {
        // An earlier day left one difference open and carried it, and closed another it had carried.
        LocalDate dayBefore = DAY.minusDays(1);
        long earlierRun = fixture.run(dayBefore, "jd");
        long earlierImport = fixture.importFile("jd", dayBefore);
        long stillOpen = fixture.discrepancy(earlierRun, "MISSING_PAYMENT", "jd", "alipay",
                fixture.record(earlierImport, "ORDER", "jd", dayBefore, "A0401", null, null, "66.00"),
                "A0401", null, "66.00", null, "-66.00");
        fixture.carry(stillOpen, ArchiveFixture.at(dayBefore, 15));
        long settled = fixture.discrepancy(earlierRun, "MISSING_PAYMENT", "jd", "alipay",
                fixture.record(earlierImport, "ORDER", "jd", dayBefore, "A0402", null, null, "12.00"),
                "A0402", null, "12.00", null, "-12.00");
        fixture.carry(settled, ArchiveFixture.at(dayBefore, 15));
        fixture.decide(settled, "TIMING", "paid the next day", "finance", ArchiveFixture.at(DAY, 3));

        long run = fixture.run(DAY, "jd", "alipay");
        long orders = fixture.importFile("jd", DAY);
        long payments = fixture.importFile("alipay", DAY);
        long o1 = fixture.record(orders, "ORDER", "jd", DAY, "J0301", null, null, "100.00");
        long o2 = fixture.record(orders, "ORDER", "jd", DAY, "J0302", null, null, "250.50");
        long o3 = fixture.record(orders, "ORDER", "jd", DAY, "J0303", null, null, "80.00");
        long o4 = fixture.record(orders, "ORDER", "jd", DAY, "J0304", null, null, "1999.00");
        long p1 = fixture.record(payments, "PAYMENT", "alipay", DAY, "J0301", "T0301", null, "100.00");
        long p2 = fixture.record(payments, "PAYMENT", "alipay", DAY, "J0302", "T0302", null, "250.00");
        long r1 = fixture.record(payments, "REFUND", "alipay", DAY, "J0301", "T0301", "R0301", "20.00");
        long f1 = fixture.record(payments, "FEE", "alipay", DAY, "J0302", "T0302", null, "1.52");
        fixture.match(run, "ONE_TO_ONE", "order-no", o1, p1, "order_no=J0301");
        fixture.match(run, "ONE_TO_ONE", "refund", o1, r1, "refund_no=R0301");

        long mismatch = fixture.discrepancy(run, "AMOUNT_MISMATCH", "jd", "alipay", o2, "J0302", "T0302",
                "250.50", "250.00", "-0.50");
        fixture.decide(mismatch, "WRITE_OFF", "customer coupon, written off", "finance", ArchiveFixture.at(DAY, 4));
        fixture.approve(mismatch, "manager", ArchiveFixture.at(DAY, 5));
        fixture.post(mismatch, run, "WRITE_OFF", "-0.50", "finance", "manager", ArchiveFixture.at(DAY, 5));
        long missing = fixture.discrepancy(run, "MISSING_PAYMENT", "jd", "alipay", o3, "J0303", null,
                "80.00", null, "-80.00");
        fixture.decide(missing, "CHASE", "asked Alipay, ticket 7781", "finance", ArchiveFixture.at(DAY, 6));
        long fee = fixture.discrepancy(run, "FEE_MISMATCH", "alipay", null, f1, "J0302", "T0302", "1.50", "1.52",
                "0.02");
        fixture.autoResolve(fee, "fee-within-0.05", ArchiveFixture.at(DAY, 2));
        long superseded = fixture.discrepancy(run, "MISSING_ORDER", "alipay", "jd", p2, "J0302", "T0302", null,
                "250.00", "250.00");
        fixture.supersede(superseded);
        long carried = fixture.discrepancy(run, "MISSING_PAYMENT", "jd", "alipay", o4, "J0304", null, "1999.00",
                null, "-1999.00");
        fixture.carry(carried, ArchiveFixture.at(DAY, 15));
        // A later day's carried item is none of this run's business.
        long laterRun = fixture.run(DAY.plusDays(2), "jd");
        long later = fixture.discrepancy(laterRun, "MISSING_PAYMENT", "jd", "alipay", o4, "J0304", null, "1.00",
                null, "-1.00");
        fixture.carry(later, ArchiveFixture.at(DAY.plusDays(2), 15));

        Api auditor = Api.as(rest(), "auditor");
        String runPath = "/api/runs/" + run;
        assertThat(auditor.get(runPath + "/voucher.pdf", String.class).getStatusCode())
                .as("not archived yet").isEqualTo(HttpStatus.CONFLICT);

        archiveService.archive(run);

        assertThat(auditor.getJson(runPath).get("status")).isEqualTo("ARCHIVED");
        ResponseEntity<byte[]> report = auditor.get(runPath + "/report.xlsx", byte[].class);
        assertThat(report.getStatusCode()).isEqualTo(HttpStatus.OK);
        byte[] xlsx = report.getBody();
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(List.of(workbook.getSheetName(0), workbook.getSheetName(1), workbook.getSheetName(2),
                    workbook.getSheetName(3))).containsExactly("汇总", "匹配明细", "差异明细", "结转事项");

            Sheet summary = workbook.getSheet("汇总");
            Map<String, Row> labelled = byFirstCell(summary);
            assertThat(text(labelled.get("业务日期"), 1)).isEqualTo("2023-04-03");
            assertThat(number(labelled.get("运行编号"), 1)).isEqualTo(run);
            assertThat(text(labelled.get("数据来源"), 1)).isEqualTo("jd, alipay");
            assertThat(text(labelled.get("规则版本"), 1)).isEqualTo(ArchiveFixture.RULES_VERSION);
            assertThat(number(labelled.get("记录数"), 1)).isEqualTo(8);
            assertThat(number(labelled.get("差异（不含已取代）"), 1)).isEqualTo(4);
            assertThat(number(labelled.get("未结差异"), 1)).isEqualTo(1);

            List<List<String>> table = rowsAfter(summary, "按来源及记录类型");
            assertThat(table).startsWith(
                    List.of("来源", "记录类型", "说明", "笔数", "金额"),
                    List.of("alipay", "FEE", "手续费", "1", "1.52"),
                    List.of("alipay", "PAYMENT", "支付", "2", "350.00"),
                    List.of("alipay", "REFUND", "退款", "1", "20.00"),
                    List.of("jd", "ORDER", "订单", "4", "2,429.50"));
            assertThat(rowsAfter(summary, "差异按来源及代码")).startsWith(
                    List.of("来源", "差异代码", "说明", "笔数", "差异金额"),
                    List.of("alipay", "FEE_MISMATCH", "手续费不符", "1", "0.02"),
                    List.of("jd", "AMOUNT_MISMATCH", "金额不符", "1", "-0.50"),
                    List.of("jd", "MISSING_PAYMENT", "缺少支付", "2", "-2,079.00"),
                    List.of("合计", "", "", "4", "-2,079.48"));
            assertThat(rowsAfter(summary, "处理决定")).startsWith(
                    List.of("决定", "说明", "笔数", "金额"),
                    List.of("AUTO_RESOLVED", "自动处理", "1", "0.02"),
                    List.of("CHASE", "追收", "1", "-80.00"),
                    List.of("WRITE_OFF", "核销", "1", "-0.50"),
                    List.of("合计", "", "3", "-80.48"));
            Cell amount = rowStarting(summary, "jd", "ORDER").getCell(4);
            assertThat(amount.getCellType()).as("amounts are numbers").isEqualTo(CellType.NUMERIC);
            assertThat(amount.getNumericCellValue()).isEqualTo(2429.50);
            assertThat(amount.getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");

            Sheet matches = workbook.getSheet("匹配明细");
            assertThat(matches.getLastRowNum()).isEqualTo(2);
            Map<String, Integer> m = header(matches);
            Row refund = matches.getRow(2);
            assertThat(text(refund, m.get("匹配类型"))).isEqualTo("ONE_TO_ONE");
            assertThat(text(refund, m.get("规则"))).isEqualTo("refund");
            assertThat(text(refund, m.get("订单号"))).isEqualTo("J0301");
            assertThat(text(refund, m.get("订单来源"))).isEqualTo("jd");
            assertThat(refund.getCell(m.get("订单金额")).getNumericCellValue()).isEqualTo(100.00);
            assertThat(text(refund, m.get("对方记录类型"))).isEqualTo("REFUND");
            assertThat(text(refund, m.get("支付流水号"))).isEqualTo("T0301");
            assertThat(text(refund, m.get("退款单号"))).isEqualTo("R0301");
            assertThat(text(refund, m.get("对方来源"))).isEqualTo("alipay");
            assertThat(refund.getCell(m.get("对方金额")).getNumericCellValue()).isEqualTo(20.00);

            Sheet discrepancies = workbook.getSheet("差异明细");
            assertThat(discrepancies.getLastRowNum()).as("superseded ones listed too").isEqualTo(5);
            Map<String, Integer> d = header(discrepancies);
            Row writeOff = rowWithId(discrepancies, mismatch);
            assertThat(text(writeOff, d.get("差异代码"))).isEqualTo("AMOUNT_MISMATCH");
            assertThat(text(writeOff, d.get("差异金额"))).isEqualTo("-0.50");
            assertThat(text(writeOff, d.get("处理决定"))).isEqualTo("WRITE_OFF");
            assertThat(text(writeOff, d.get("处理说明"))).isEqualTo("customer coupon, written off");
            assertThat(text(writeOff, d.get("处理人"))).isEqualTo("finance");
            assertThat(text(writeOff, d.get("处理时间"))).as("04:00 UTC in Asia/Shanghai").isEqualTo("2023-04-03 12:00:00");
            assertThat(text(writeOff, d.get("复核人"))).isEqualTo("manager");
            assertThat(text(writeOff, d.get("复核时间"))).isEqualTo("2023-04-03 13:00:00");
            assertThat(text(writeOff, d.get("过账类型"))).isEqualTo("WRITE_OFF");
            assertThat(text(writeOff, d.get("过账金额"))).isEqualTo("-0.50");
            Row auto = rowWithId(discrepancies, fee);
            assertThat(text(auto, d.get("处理决定"))).isEqualTo("AUTO_RESOLVED");
            assertThat(text(auto, d.get("处理人"))).isEqualTo("system");
            assertThat(text(auto, d.get("自动处理规则"))).isEqualTo("fee-within-0.05");
            assertThat(text(rowWithId(discrepancies, superseded), d.get("状态"))).isEqualTo("SUPERSEDED");
            assertThat(text(rowWithId(discrepancies, carried), d.get("结转时间"))).isEqualTo("2023-04-03 23:00:00");

            Sheet carriedItems = workbook.getSheet("结转事项");
            Map<String, Integer> c = header(carriedItems);
            assertThat(carriedItems.getLastRowNum()).as("this run's and an earlier run's still open").isEqualTo(2);
            Row earlier = carriedItems.getRow(1);
            assertThat(text(earlier, c.get("原运行业务日期"))).isEqualTo("2023-04-02");
            assertThat(number(earlier, c.get("差异编号"))).isEqualTo(stillOpen);
            assertThat(text(earlier, c.get("状态"))).isEqualTo("OPEN");
            assertThat(text(earlier, c.get("结转于"))).isEqualTo("以前运行，仍未结");
            Row mine = carriedItems.getRow(2);
            assertThat(number(mine, c.get("差异编号"))).isEqualTo(carried);
            assertThat(text(mine, c.get("差异金额"))).isEqualTo("-1,999.00");
            assertThat(text(mine, c.get("结转于"))).isEqualTo("本次运行");
        }

        ResponseEntity<byte[]> voucher = auditor.get(runPath + "/voucher.pdf", byte[].class);
        assertThat(voucher.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(voucher.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        Map<String, Object> stored = jdbc().sql("SELECT chain_seq, prev_hash, record_hash, report_sha256 "
                + "FROM recon_archive WHERE run_id = ?").param(run).query().singleRow();
        assertThat(stored.get("REPORT_SHA256")).isEqualTo(Digests.sha256Hex(xlsx));
        try (PDDocument document = Loader.loadPDF(voucher.getBody())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("对账归档凭证", "运行编号 #" + run, "业务日期 2023-04-03", "数据来源 jd, alipay");
            assertThat(text).contains("记录数 8", "ORDER 订单 4 2,429.50", "PAYMENT 支付 2 350.00",
                    "差异 差异金额合计 4 -2,079.48");
            assertThat(text).contains("WRITE_OFF 核销 1 -0.50", "CHASE 追收 1 -80.00", "AUTO_RESOLVED 自动处理 1 0.02",
                    "合计 3 -80.48");
            assertThat(text).contains("处理人 finance (Fang Li)", "复核人 manager (Wei Zhang)");
            assertThat(text).contains("工作簿 SHA-256 " + Digests.sha256Hex(xlsx),
                    "本记录哈希 " + stored.get("RECORD_HASH"), "归档链序号 " + stored.get("CHAIN_SEQ"));
            assertThat(text).contains("上一链哈希 " + (stored.get("PREV_HASH") == null ? "无（链首）" : stored.get("PREV_HASH")));
            PDResources resources = document.getPage(0).getResources();
            List<PDFont> fonts = new ArrayList<>();
            for (var name : resources.getFontNames()) {
                fonts.add(resources.getFont(name));
            }
            assertThat(fonts).isNotEmpty().allSatisfy(font -> {
                assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                assertThat(font.getName()).contains("WenQuanYiMicroHei");
            });
            var image = new PDFRenderer(document).renderImageWithDPI(0, 50);
            int dark = 0;
            for (int x = 0; x < image.getWidth(); x++) {
                for (int y = 0; y < image.getHeight(); y++) {
                    if ((image.getRGB(x, y) & 0xff) < 128) {
                        dark++;
                    }
                }
            }
            assertThat(dark).as("the rendered page has text on it").isGreaterThan(2000);
        }

        Map<String, Object> verified = auditor.getJson("/api/archive/verify");
        assertThat(verified).containsEntry("ok", true).doesNotContainKey("firstBroken");
    }

    @Test
    void aRunNobodyKnowsHasNoVoucherAndTheVoucherOfARunInReviewIsNotWrittenYet() {
        Api finance = Api.as(rest(), "finance");
        assertThat(finance.get("/api/runs/987655/voucher.pdf", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        long run = fixture.run(LocalDate.of(2023, 4, 6), "jd");
        var open = finance.get("/api/runs/" + run + "/voucher.pdf", String.class);
        assertThat(open.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(open.getBody()).contains("IN_REVIEW");
    }

    @Test
    void aRunArchivedBeforeVouchersKeepsItsWorkbookAndIsCheckedByItsHash() {
        LocalDate day = LocalDate.of(2023, 4, 7);
        long run = fixture.run(day, "jd");
        byte[] workbook = "an old workbook".getBytes();
        jdbc().sql("INSERT INTO recon_archive (run_id, report_xlsx, report_sha256, created_at, business_date) "
                        + "VALUES (?, ?, ?, ?, ?)")
                .params(run, workbook, Digests.sha256Hex(workbook), com.reconflow.config.Db.utc(Instant.now()), day)
                .update();
        jdbc().sql("UPDATE recon_run SET status = 'ARCHIVED' WHERE id = ?").param(run).update();
        Api finance = Api.as(rest(), "finance");

        assertThat(finance.get("/api/runs/" + run + "/report.xlsx", byte[].class).getBody()).isEqualTo(workbook);
        var voucher = finance.get("/api/runs/" + run + "/voucher.pdf", String.class);
        assertThat(voucher.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(voucher.getBody()).contains("before vouchers");
        Map<String, Object> verified = finance.getJson("/api/archive/verify");
        assertThat(verified).containsEntry("ok", true);
        assertThat(((Number) verified.get("records")).longValue())
                .isGreaterThan(((Number) verified.get("chained")).longValue());
    }

    private Map<String, Row> byFirstCell(Sheet sheet) {
        Map<String, Row> rows = new HashMap<>();
        for (Row row : sheet) {
            rows.putIfAbsent(text(row, 0), row);
        }
        return rows;
    }

    /** The rows after a title row, up to the next blank row, as text. */
    private List<List<String>> rowsAfter(Sheet sheet, String title) {
        List<List<String>> rows = new ArrayList<>();
        boolean in = false;
        for (int i = 0; i <= sheet.getLastRowNum(); i++) {
            Row row = sheet.getRow(i);
            String first = row == null ? "" : text(row, 0);
            if (in && first.isEmpty()) {
                break;
            }
            if (in) {
                List<String> values = new ArrayList<>();
                for (int c = 0; c < row.getLastCellNum(); c++) {
                    values.add(text(row, c));
                }
                rows.add(values);
            }
            in |= first.equals(title);
        }
        return rows;
    }

    private Row rowStarting(Sheet sheet, String first, String second) {
        for (Row row : sheet) {
            if (text(row, 0).equals(first) && text(row, 1).equals(second)) {
                return row;
            }
        }
        throw new AssertionError("no row " + first + ", " + second);
    }

    private Row rowWithId(Sheet sheet, long id) {
        for (Row row : sheet) {
            if (row.getRowNum() > 0 && (long) row.getCell(0).getNumericCellValue() == id) {
                return row;
            }
        }
        throw new AssertionError("no row for discrepancy #" + id);
    }

    private Map<String, Integer> header(Sheet sheet) {
        Map<String, Integer> columns = new HashMap<>();
        sheet.getRow(0).forEach(cell -> columns.put(cell.getStringCellValue(), cell.getColumnIndex()));
        return columns;
    }

    private String text(Row row, int column) {
        Cell cell = row.getCell(column);
        return cell == null ? "" : cells.formatCellValue(cell);
    }

    private long number(Row row, int column) {
        return (long) row.getCell(column).getNumericCellValue();
    }
}
