package com.reconflow.bench;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.reconflow.ingest.ImportRequest;
import com.reconflow.ingest.ImportResult;
import com.reconflow.ingest.ImportService;
import com.reconflow.stock.MovementRequest;
import com.reconflow.stock.MovementType;
import com.reconflow.stock.StockLedger;
import com.reconflow.stock.orders.OrderPosting;
import com.reconflow.stock.orders.OrderStockPosting;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An import of {@code bench.orders} jd order lines (one SKU of 2,000 each, all under stock control at WH-EAST,
 * one SKU in a hundred with too little, so its later orders are intercepted) posted to the stock ledger by the
 * {@code stock-posting} jobs. The clock starts when the import has committed and stops when the posting is
 * DONE. Prints order lines/s and the interceptions. Run e.g. with
 * {@code java -cp target/classes:target/test-classes:<deps> -Dbench.orders=100000 -Dbench.db=mysql
 * com.reconflow.bench.StockPostingBenchmark}.
 */
public final class StockPostingBenchmark {

    private static final int SKUS = 2_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final long TIMEOUT_NANOS = 3L * 60 * 60 * 1_000_000_000;

    private StockPostingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String db = System.getProperty("bench.db", "h2");
        int[] sizes = Arrays.stream(System.getProperty("bench.orders", "10000,100000").split(","))
                .map(String::strip).mapToInt(Integer::parseInt).toArray();
        List<String> summary = new ArrayList<>();
        for (int orders : sizes) {
            Path work = Files.createTempDirectory("reconflow-stock-posting-bench");
            try {
                summary.add(run(db, orders, work));
            } finally {
                BenchApp.delete(work);
            }
        }
        System.out.printf(Locale.ROOT, "%n%s, %d CPUs, max heap %d MiB%n", db,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("    orders   posted  intercepted   import s   posting s   lines/s");
        summary.forEach(System.out::println);
    }

    private static String run(String db, int orders, Path work) throws Exception {
        Path file = work.resolve("orders.csv");
        LocalDateTime start = LocalDateTime.of(2026, 11, 20, 0, 0);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("订单号,下单时间,支付时间,订单金额,支付方式,支付流水号,订单状态,退款金额,门店,商品类目,SKU,数量\n");
            for (int i = 0; i < orders; i++) {
                String time = TIME.format(start.plusSeconds(i % 86_000));
                out.write("JB" + i + "," + time + "," + time + ",10.00,alipay,TB" + i + ",PAID,0.00,,饰品,BSKU"
                        + (i % SKUS) + ",1\n");
            }
        }
        try (ConfigurableApplicationContext app = BenchApp.start(db, work, true)) {
            StockLedger ledger = app.getBean(StockLedger.class);
            for (int s = 0; s < SKUS; s++) {
                // One SKU in a hundred has a single unit: its later orders are oversold.
                long quantity = s % 100 == 0 ? 1 : orders;
                ledger.record(MovementRequest.byUser("BSKU" + s, "WH-EAST", MovementType.RECEIPT, quantity,
                        "DN-" + s, "bench", null, "bench:receipt:" + s));
            }
            long t0 = System.nanoTime();
            ImportResult imported = app.getBean(ImportService.class).importFile(new ImportRequest("jd", "orders.csv",
                    file, null, null, "bench"));
            long t1 = System.nanoTime();
            OrderStockPosting posting = app.getBean(OrderStockPosting.class);
            OrderPosting done;
            while (true) {
                done = posting.posting(imported.id()).orElseThrow();
                if ("DONE".equals(done.status())) {
                    break;
                }
                if (System.nanoTime() - t1 > TIMEOUT_NANOS) {
                    throw new IllegalStateException("posting not done after 3 h: " + done);
                }
                Thread.sleep(200);
            }
            long t2 = System.nanoTime();
            double seconds = (t2 - t1) / 1e9;
            return String.format(Locale.ROOT, "%,10d %,8d %,12d %10.1f %11.1f %,9.0f", orders, done.posted(),
                    done.intercepted(), (t1 - t0) / 1e9, seconds, orders / seconds);
        }
    }
}
