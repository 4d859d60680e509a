package com.reconflow.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Times are read as {@code uuuu-MM-dd HH:mm:ss} in the file's zone; impossible ones are refused. */
class CellsTimeTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter STRICT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

    @Test
    void validTimesReadAsTheStrictFormatterReadsThem() {
        for (String time : List.of("2026-11-20 13:45:00", "2024-02-29 23:59:59", "2026-01-01 00:00:00",
                "1999-12-31 12:00:00", " `2026-11-20 13:45:00 ")) {
            assertThat(Cells.time("交易时间", time, SHANGHAI).toLocalDateTime()).as(time)
                    .isEqualTo(LocalDateTime.parse(time.strip().replace("`", ""), STRICT));
            assertThat(Cells.time("交易时间", time, SHANGHAI).getOffset().getTotalSeconds()).isEqualTo(8 * 3600);
        }
    }

    @Test
    void impossibleOrMisshapenTimesAreRefusedNamingTheField() {
        for (String time : List.of("2026-02-29 10:00:00", "2026-11-31 10:00:00", "2026-13-01 10:00:00",
                "2026-11-20 24:00:00", "2026-11-20 23:60:00", "2026-11-20 23:59:60", "2026-11-20T13:45:00",
                "2026/11/20 13:45:00", "2026-11-20 13:45", "2026-11-2O 13:45:00", "２０２６-11-20 13:45:00", "")) {
            assertThatThrownBy(() -> Cells.time("交易时间", time, SHANGHAI)).as(time)
                    .isInstanceOf(Cells.BadValue.class).hasMessageContaining("交易时间");
        }
    }
}
