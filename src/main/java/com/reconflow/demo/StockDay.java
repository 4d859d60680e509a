package com.reconflow.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The warehouse's side of a generated day: its {@code stock-movements} file and the stock differences planted
 * in it. Kept apart from {@link DemoDay#files()} so that a day's runs wait for the channels, providers and bank
 * as before; the file goes to {@code <inbox>/warehouse/}.
 *
 * <p>The file (UTF-8, LF, header {@value StockMovements#HEADER}) holds, in time order, a morning receipt for
 * every SKU and location the day sells from, a RETURN per refunded order (订单号 = the order), and the planted
 * differences. The day's sales are not in it: they are posted from the imported orders. Every SKU and location
 * whose quantities then disagree is in {@link #mismatches()}, and nothing else.
 */
public record StockDay(DemoFile file, List<ExpectedStockMismatch> mismatches) {

    public static final String SOURCE = "warehouse";
    public static final String TRUTH_FILE = "ground-truth-stock.csv";
    static final String TRUTH_HEADER = "sku,location,sold_per_orders,sold_per_movements,returned_per_orders,"
            + "returned_per_movements,scenario,order_no";

    public StockDay {
        mismatches = List.copyOf(mismatches);
    }

    /** Writes the file as {@code <dir>/warehouse/<file name>} and the ground truth as {@value #TRUTH_FILE}. */
    public void writeTo(Path dir) {
        try {
            Files.write(Files.createDirectories(dir.resolve(file.source())).resolve(file.fileName()), file.content());
            try (Writer out = Files.newBufferedWriter(dir.resolve(TRUTH_FILE), StandardCharsets.UTF_8)) {
                out.write(TRUTH_HEADER + "\n");
                for (ExpectedStockMismatch m : mismatches) {
                    out.write(String.join(",", m.sku(), m.location(), Long.toString(m.soldPerOrders()),
                            Long.toString(m.soldPerMovements()), Long.toString(m.returnedPerOrders()),
                            Long.toString(m.returnedPerMovements()), m.scenario(),
                            m.orderNo() == null ? "" : m.orderNo()) + "\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the stock movements into " + dir, e);
        }
    }
}
