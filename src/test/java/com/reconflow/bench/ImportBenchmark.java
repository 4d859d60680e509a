package com.reconflow.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import com.reconflow.ingest.ImportRequest;
import com.reconflow.ingest.ImportResult;
import com.reconflow.ingest.ImportService;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Imports one WeChat Pay trade bill of a million rows through the real import (detection,
 * parsing, totals check, natural-key dedupe, batched inserts, one transaction) and prints rows per
 * second and the peak heap. Run with {@code mvn -Pbench verify} (the profile gives the JVM
 * -Xmx512m); {@code -Dbench.rows=N} and {@code -Dbench.db=h2|mysql} change the size and database.
 */
public final class ImportBenchmark {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final BigDecimal RATE = new BigDecimal("0.006");

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("bench.rows", 1_000_000);
        String db = System.getProperty("bench.db", "h2");
        Path work = Files.createTempDirectory("reconflow-bench");
        Path bill = work.resolve("wechatpay_tradebill_ALL_20261120.csv");
        long written = writeBill(bill, rows, LocalDate.of(2026, 11, 20));
        System.out.printf(Locale.ROOT, "bill: %,d rows, %,d bytes%n", rows, written);

        try {
            run(db, work, bill);
        } finally {
            BenchApp.delete(work);
        }
    }

    private static void run(String db, Path work, Path bill) throws Exception {
        try (ConfigurableApplicationContext app = BenchApp.start(db, work)) {
            ImportService imports = app.getBean(ImportService.class);
            System.gc();
            BenchApp.HeapSampler heap = new BenchApp.HeapSampler();
            double cpuBefore = BenchApp.cpuSeconds();
            long started = System.nanoTime();
            ImportResult result = imports.importFile(new ImportRequest("wechatpay", bill.getFileName().toString(),
                    bill, null, null, "benchmark"));
            double seconds = (System.nanoTime() - started) / 1e9;
            long peakMiB = heap.stop();
            double cpu = BenchApp.cpuSeconds() - cpuBefore;
            System.out.printf(Locale.ROOT, "database: %s, max heap: %d MiB%n", db,
                    Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf(Locale.ROOT, "imported: %,d rows accepted, %,d rejected in %.1f s = %,.0f rows/s%n",
                    result.rowsAccepted(), result.rowsRejected(), seconds, result.rowsAccepted() / seconds);
            System.out.printf(Locale.ROOT, "peak heap in use during the import: %d MiB; CPU of this JVM: %.1f s%n",
                    peakMiB, cpu);
        }
    }

    /** A bill in the real ALL layout: backticks, BOM, CRLF and a summary that agrees with the rows. */
    static long writeBill(Path file, int rows, LocalDate day) throws IOException {
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        BigDecimal fees = BigDecimal.ZERO.setScale(2);
        LocalDateTime start = day.atTime(0, 0, 1);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write('\uFEFF');
            out.write("交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,"
                    + "应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,"
                    + "订单金额,申请退款金额,费率备注\r\n");
            for (int i = 0; i < rows; i++) {
                BigDecimal amount = BigDecimal.valueOf(990 + (i * 7919L) % 99_000, 2);
                BigDecimal fee = amount.multiply(RATE).setScale(2, RoundingMode.HALF_UP);
                total = total.add(amount);
                fees = fees.add(fee);
                String time = TIME.format(start.plusSeconds(i % 86_000));
                out.write(String.format(Locale.ROOT, "`%s,`wx13e766327bb50553,`1630728691,`0,`,`42000%023d,`BENCH%013d,"
                                + "`o5XTLXq-2f9ipcyk6SXb-8-XRIEW,`APP,`SUCCESS,`CFT,`CNY,`%s,`0.00,`0,`0,`0.00,`0.00,`,`,"
                                + "`禾木优选玫瑰金戒指,`,`%s000,`0.60%%,`%s,`0.00,`\r\n",
                        time, i, i, amount.toPlainString(), fee.toPlainString(), amount.toPlainString()));
            }
            out.write("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r\n");
            out.write(String.format(Locale.ROOT, "`%d,`%s,`0.00,`0.00,`%s,`%s,`0.00\r\n", rows, total.toPlainString(),
                    fees.toPlainString(), total.toPlainString()));
        }
        return Files.size(file);
    }
}
