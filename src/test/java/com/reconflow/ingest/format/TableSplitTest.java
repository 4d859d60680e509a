package com.reconflow.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.Test;

/** Rows split without a CSV parser come out exactly as Commons CSV reads them. */
class TableSplitTest {

    private static final List<String> RECORDS = List.of(
            "a,b,c", "a,,c", ",", ",,", "a,b,", ",a", " a , b ", "x\ty,\tz\t", "`2026-11-20 00:00:01,`wx13,`0,`",
            "禾木优选玫瑰金戒指,＂全角＂,¥1,234.00", "single", " ", "a'b,c'd", "\uFEFF订单号,下单时间",
            // quotes go through the parser: the results still have to agree
            "\"a,b\",c", "a,\"b\"\"c\",d", "a\"b,c");

    @Test
    void quotedFormatSplitsLikeCommonsCsv() throws IOException {
        for (String record : RECORDS) {
            assertThat(Table.split(Table.QUOTED, record)).as(record).isEqualTo(commonsCsv(Table.QUOTED, record));
        }
        String multiLine = "\"a\nb\",c";
        assertThat(Table.split(Table.QUOTED, multiLine)).isEqualTo(List.of("a\nb", "c"));
    }

    @Test
    void unquotedFormatSplitsLikeCommonsCsv() throws IOException {
        for (String record : RECORDS) {
            assertThat(Table.split(Table.UNQUOTED, record)).as(record).isEqualTo(commonsCsv(Table.UNQUOTED, record));
        }
    }

    private static List<String> commonsCsv(CSVFormat format, String record) throws IOException {
        try (CSVParser parser = CSVParser.parse(record, format)) {
            return parser.getRecords().get(0).toList();
        }
    }
}
