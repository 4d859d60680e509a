package com.reconflow.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warehouse's stock-movements file of a generated day and its ground truth, checked against the day's own
 * files: worked out again from the channels' order exports and the movements file, the SKUs and locations whose
 * quantities disagree are exactly the planted ones.
 */
class StockMovementsTest {

    private static final LocalDate DATE = LocalDate.of(2025, 6, 4);

    @Test
    void theGroundTruthIsWhatTheFilesSay() {
        DemoDay day = new SyntheticDayGenerator().generate(DATE, 11L, 2_000);
        Map<String, long[]> quantities = new TreeMap<>();
        for (String channel : List.of("jd", "douyin", "miniprogram", "pos")) {
            List<String> lines = text(day.file(channel).orElseThrow()).lines().toList();
            for (String line : lines.subList(1, lines.size())) {
                String[] c = line.split(",", -1);
                if (c[6].equals("CANCELLED")) {
                    continue;
                }
                long[] q = quantities.computeIfAbsent(c[10] + " @ " + (channel.equals("pos") ? c[8] : "WH-EAST"),
                        k -> new long[4]);
                long quantity = Long.parseLong(c[11]);
                // posted from the order: sold on both sides
                q[0] += quantity;
                q[1] += quantity;
                q[2] += c[6].equals("REFUNDED") ? quantity : 0;
            }
        }
        List<String> movements = text(day.stock().file()).lines().toList();
        assertThat(movements.get(0)).isEqualTo("单据号,类型,SKU,库位,数量,发生时间,订单号,对方库位,备注");
        for (String line : movements.subList(1, movements.size())) {
            String[] c = line.split(",", -1);
            assertThat(c).as(line).hasSize(9);
            assertThat(c[5]).as(line).startsWith(DATE + " ");
            long[] q = quantities.computeIfAbsent(c[2] + " @ " + c[3], k -> new long[4]);
            switch (c[1]) {
                case "SALE" -> q[1] += Long.parseLong(c[4]);
                case "RETURN" -> q[3] += Long.parseLong(c[4]);
                case "RECEIPT" -> assertThat(c[6]).isEmpty();
                default -> throw new AssertionError("unexpected type in " + line);
            }
        }
        List<String> differing = new ArrayList<>();
        quantities.forEach((key, q) -> {
            if (q[0] != q[1] || q[2] != q[3]) {
                differing.add(key + ": sold " + q[0] + "/" + q[1] + ", returned " + q[2] + "/" + q[3]);
            }
        });
        assertThat(differing).containsExactlyInAnyOrderElementsOf(day.stock().mismatches().stream()
                .map(m -> m.sku() + " @ " + m.location() + ": sold " + m.soldPerOrders() + "/" + m.soldPerMovements()
                        + ", returned " + m.returnedPerOrders() + "/" + m.returnedPerMovements()).toList());
        // Four of each planted difference for 2,000 orders, each on its own SKU and location.
        assertThat(day.stock().mismatches()).extracting(ExpectedStockMismatch::scenario).hasSize(16)
                .containsOnly(ExpectedStockMismatch.MISSING_RETURN, ExpectedStockMismatch.RETURN_WITHOUT_REFUND,
                        ExpectedStockMismatch.WRONG_RETURN_QUANTITY, ExpectedStockMismatch.SALE_WITHOUT_ORDER);
    }

    @Test
    void theSameDayGivesTheSameBytesAndDiskHoldsThemWithTheirTruth(@TempDir Path dir) throws IOException {
        DemoDay day = new SyntheticDayGenerator().generate(DATE, 11L, 1_000);
        assertThat(new SyntheticDayGenerator().generate(DATE, 11L, 1_000).stock()).isEqualTo(day.stock());
        assertThat(new SyntheticDayGenerator().generate(DATE, 12L, 1_000).stock().file()).isNotEqualTo(day.stock().file());
        assertThat(day.files()).extracting(DemoFile::source).doesNotContain(StockDay.SOURCE);

        SyntheticDayGenerator.writeTo(dir, DATE, 11L, 1_000);
        assertThat(Files.readAllBytes(dir.resolve("warehouse").resolve(day.stock().file().fileName())))
                .isEqualTo(day.stock().file().content());
        List<String> truth = Files.readAllLines(dir.resolve(StockDay.TRUTH_FILE));
        assertThat(truth.get(0)).isEqualTo("sku,location,sold_per_orders,sold_per_movements,returned_per_orders,"
                + "returned_per_movements,scenario,order_no");
        assertThat(truth).hasSize(day.stock().mismatches().size() + 1);
    }

    private static String text(DemoFile file) {
        String text = new String(file.content(), StandardCharsets.UTF_8);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
