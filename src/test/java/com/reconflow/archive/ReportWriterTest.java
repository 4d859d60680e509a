package com.reconflow.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Consumer;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWriterTest {

    @Test
    void detailsBeyondASheetsRowsContinueOnTheNextSheetUnderTheSameHeader() throws Exception {
        var out = new ByteArrayOutputStream();
        new ReportWriter(3).write(VoucherWriterTest.report(List.of(), List.of()), matches(5), out);

        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            var cells = new DataFormatter();
            assertThat(workbook.getNumberOfSheets()).isEqualTo(6);
            assertThat(List.of(workbook.getSheetName(1), workbook.getSheetName(2), workbook.getSheetName(3)))
                    .containsExactly("匹配明细", "匹配明细 2", "匹配明细 3");
            assertThat(workbook.getSheetName(4)).isEqualTo("差异明细");
            var orderNos = new java.util.ArrayList<String>();
            for (int s = 1; s <= 3; s++) {
                var sheet = workbook.getSheetAt(s);
                assertThat(cells.formatCellValue(sheet.getRow(0).getCell(2))).isEqualTo("订单号");
                for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                    orderNos.add(cells.formatCellValue(sheet.getRow(r).getCell(2)));
                }
            }
            assertThat(orderNos).containsExactly("O1", "O2", "O3", "O4", "O5");
        }
    }

    private static ReportRows matches(int count) {
        return new ReportRows() {
            @Override
            public void matches(Consumer<MatchLine> each) {
                for (int i = 1; i <= count; i++) {
                    each.accept(new MatchLine("ONE_TO_ONE", "order-no", "O" + i, "jd", new BigDecimal("10.00"),
                            "PAYMENT", "T" + i, null, "alipay", new BigDecimal("10.00"), "order_no=O" + i));
                }
            }

            @Override
            public void discrepancies(Consumer<DiscrepancyLine> each) {
            }

            @Override
            public void carried(Consumer<CarriedLine> each) {
            }
        };
    }
}
