package com.reconflow.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A whole day's files through the inbox, as they come in: orders of three channels in
 * {@code channel-orders} CSVs, a WeChat Pay ALL bill and an Alipay 业务明细 (GBK) with a payment for
 * every order and a refund for one order in fifty. The files are moved into
 * {@code <inbox>/<source>/} at once; the clock stops when the last of them is in {@code .done/}, i.e.
 * committed. Everything between the folder and the commit is measured: the route's polling and read
 * lock at their configured values, its concurrency, parsing, checks and writing.
 *
 * <p>Each size runs in a fresh database after a small warm-up day. Prints rows/s, the peak heap in
 * use and the CPU this JVM used (the database server's not included). Run with
 * {@code mvn -Pbench verify} (-Xmx2g); {@code -Dbench.orders=10000,100000} and
 * {@code -Dbench.db=h2|mysql} change the sizes and the database.
 */
public final class DayImportBenchmark {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    private static final String[] CHANNELS = {"jd", "douyin", "miniprogram"};
    private static final BigDecimal RATE = new BigDecimal("0.006");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String ALIPAY_ACCOUNT = "20880211096256330156";
    private static final long TIMEOUT_NANOS = 30L * 60 * 1_000_000_000;

    private DayImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String db = System.getProperty("bench.db", "h2");
        int[] sizes = Arrays.stream(System.getProperty("bench.orders", "10000,100000,1000000").split(","))
                .map(String::strip).mapToInt(Integer::parseInt).toArray();
        List<String> summary = new ArrayList<>();
        for (int orders : sizes) {
            summary.add(run(db, orders));
        }
        System.out.printf(Locale.ROOT, "%n%s, %d CPUs, max heap %d MiB%n", db,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("    orders  files       rows  inbox→committed      rows/s  peak heap  JVM CPU");
        summary.forEach(System.out::println);
    }

    private static String run(String db, int orders) throws Exception {
        Path work = Files.createTempDirectory("reconflow-day-bench");
        try {
            return run(db, orders, work);
        } finally {
            BenchApp.delete(work);
        }
    }

    private static String run(String db, int orders, Path work) throws Exception {
        Day warmUp = Day.write(work.resolve("warm-up"), DAY.minusDays(1), 2_000, "W");
        Day day = Day.write(work.resolve("staging"), DAY, orders, "B");
        System.out.printf(Locale.ROOT, "day of %,d orders: %d files, %,d rows, %,d bytes%n", orders,
                day.files().size(), day.rows(), day.bytes());

        try (ConfigurableApplicationContext app = BenchApp.start(db, work)) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            Path inbox = work.resolve("inbox");
            dropAndWait(warmUp, work.resolve("warm-up"), inbox);
            System.gc();

            BenchApp.HeapSampler heap = new BenchApp.HeapSampler();
            double cpuBefore = BenchApp.cpuSeconds();
            long started = System.nanoTime();
            dropAndWait(day, work.resolve("staging"), inbox);
            double seconds = (System.nanoTime() - started) / 1e9;
            long peakMiB = heap.stop();
            double cpu = BenchApp.cpuSeconds() - cpuBefore;

            long accepted = 0;
            for (DayFile file : day.files()) {
                var row = jdbc.sql("SELECT rows_accepted, rows_rejected, rows_duplicate FROM recon_import "
                                + "WHERE file_name = ?").param(file.name())
                        .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}).optional()
                        .orElseThrow(() -> new IllegalStateException(file.name() + " was not imported: see "
                                + inbox.resolve(file.source()).resolve(".error")));
                System.out.printf(Locale.ROOT, "  %-12s %-44s %,9d accepted %,d quarantined %,d duplicate%n",
                        file.source(), file.name(), row[0], row[1], row[2]);
                accepted += row[0];
            }
            if (accepted != day.rows()) {
                throw new IllegalStateException(accepted + " rows accepted of " + day.rows());
            }
            return String.format(Locale.ROOT, "%,10d  %5d  %,9d  %13.1f s  %,10.0f  %,5d MiB  %,5.1f s", orders,
                    day.files().size(), accepted, seconds, accepted / seconds, peakMiB, cpu);
        }
    }

    /** Moves every file into its source folder of the inbox, then waits until all are committed. */
    private static void dropAndWait(Day day, Path staging, Path inbox) throws IOException, InterruptedException {
        List<Path> done = new ArrayList<>();
        for (DayFile file : day.files()) {
            Path folder = Files.createDirectories(inbox.resolve(file.source()));
            Files.move(staging.resolve(file.source()).resolve(file.name()), folder.resolve(file.name()));
            done.add(folder.resolve(".done").resolve(file.name()));
        }
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        for (int i = 0; i < done.size(); i++) {
            Path file = done.get(i);
            while (!Files.exists(file)) {
                Path failed = file.getParent().resolveSibling(".error").resolve(file.getFileName() + ".reason.txt");
                if (Files.exists(failed)) {
                    throw new IllegalStateException(file.getFileName() + " rejected: " + Files.readString(failed));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(file.getFileName() + " not imported in time");
                }
                Thread.sleep(20);
            }
        }
    }

    record DayFile(String source, String name) {
    }

    /** A day's files written under a folder per source, with the number of rows they hold. */
    record Day(List<DayFile> files, long rows, long bytes) {

        /**
         * {@code orders} orders over the channels, paid alternately through WeChat Pay and Alipay; one
         * in fifty partly refunded. Identifiers start with {@code prefix}, so days never overlap.
         */
        static Day write(Path folder, LocalDate date, int orders, String prefix) throws IOException {
            String fileDate = FILE_DATE.format(date);
            List<DayFile> files = new ArrayList<>();
            long rows = 0;
            BufferedWriter[] channels = new BufferedWriter[CHANNELS.length];
            for (int c = 0; c < CHANNELS.length; c++) {
                DayFile file = new DayFile(CHANNELS[c], CHANNELS[c] + "_orders_" + fileDate + ".csv");
                files.add(file);
                channels[c] = writer(folder, file, StandardCharsets.UTF_8);
                channels[c].write("订单号,下单时间,支付时间,订单金额,支付方式,支付流水号,订单状态,退款金额,门店,商品类目,SKU,数量\n");
            }
            DayFile wechatFile = new DayFile("wechatpay", "wechatpay_tradebill_ALL_" + fileDate + ".csv");
            DayFile alipayFile = new DayFile("alipay", ALIPAY_ACCOUNT + "_" + fileDate + "_业务明细.csv");
            files.add(wechatFile);
            files.add(alipayFile);
            WechatBill wechat = new WechatBill(writer(folder, wechatFile, StandardCharsets.UTF_8));
            AlipayBill alipay = new AlipayBill(writer(folder, alipayFile, Charset.forName("GBK")), date);

            LocalDateTime start = date.atTime(0, 5);
            for (int i = 0; i < orders; i++) {
                int channel = i % CHANNELS.length;
                String orderNo = prefix + CHANNELS[channel].substring(0, 2).toUpperCase(Locale.ROOT)
                        + String.format(Locale.ROOT, "%012d", i);
                LocalDateTime placed = start.plusSeconds((long) i * 84_000 / orders);
                LocalDateTime paid = placed.plusSeconds(20);
                BigDecimal amount = BigDecimal.valueOf(990 + (i * 7919L) % 99_000, 2);
                boolean partlyRefunded = i % 100 == 7 || i % 100 == 58; // one in fifty, WeChat Pay's and Alipay's
                BigDecimal refunded = partlyRefunded ? amount.divide(BigDecimal.valueOf(2), 2, RoundingMode.DOWN) : null;
                boolean byWechat = i % 2 == 0;
                String txnId = byWechat ? "42000" + digits(prefix, i, 23) : "2026112022" + digits(prefix, i, 18);
                channels[channel].write(orderNo + "," + TIME.format(placed) + "," + TIME.format(paid) + ","
                        + amount.toPlainString() + "," + (byWechat ? "wechatpay" : "alipay") + "," + txnId + ","
                        + (refunded == null ? "PAID,0.00" : "PARTIALLY_REFUNDED," + refunded.toPlainString()) + ","
                        + CHANNELS[channel] + ",美妆,MZ" + (i % 500) + ",1\n");
                rows++;
                if (byWechat) {
                    rows += wechat.payment(paid, txnId, orderNo, amount, refunded, prefix, i);
                } else {
                    rows += alipay.payment(paid, txnId, orderNo, amount, refunded, prefix, i);
                }
            }
            for (BufferedWriter channel : channels) {
                channel.close();
            }
            wechat.close();
            alipay.close();
            long bytes = 0;
            for (DayFile file : files) {
                bytes += Files.size(folder.resolve(file.source()).resolve(file.name()));
            }
            return new Day(files, rows, bytes);
        }
    }

    /** WeChat Pay ALL bill: BOM, CRLF, a backtick before every value, a summary agreeing with the rows. */
    private static final class WechatBill {
        private final BufferedWriter out;
        private final List<String> refunds = new ArrayList<>();
        private long rows;
        private BigDecimal settled = BigDecimal.ZERO.setScale(2);
        private BigDecimal refunded = BigDecimal.ZERO.setScale(2);
        private BigDecimal fees = BigDecimal.ZERO.setScale(2);

        WechatBill(BufferedWriter out) throws IOException {
            this.out = out;
            out.write("\uFEFF交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,"
                    + "货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,"
                    + "商户数据包,手续费,费率,订单金额,申请退款金额,费率备注\r\n");
        }

        /** The payment's row, and its refund's (written after all payments); how many rows. */
        int payment(LocalDateTime at, String txnId, String orderNo, BigDecimal amount, BigDecimal refund,
                    String prefix, int i) throws IOException {
            BigDecimal fee = fee(amount);
            out.write("`" + TIME.format(at) + ",`wx13e766327bb50553,`1630728691,`0,`,`" + txnId + ",`" + orderNo
                    + ",`o5XTLXq-2f9ipcyk6SXb-8-XRIEW,`APP,`SUCCESS,`CFT,`CNY,`" + amount.toPlainString()
                    + ",`0.00,`0,`0,`0.00,`0.00,`,`,`禾木优选玫瑰金戒指,`,`" + fee.setScale(5).toPlainString()
                    + ",`0.60%,`" + amount.toPlainString() + ",`0.00,`\r\n");
            rows++;
            settled = settled.add(amount);
            fees = fees.add(fee);
            if (refund == null) {
                return 1;
            }
            BigDecimal refundFee = fee(refund);
            refunds.add("`" + TIME.format(at.plusMinutes(10)) + ",`wx13e766327bb50553,`1630728691,`0,`,`" + txnId
                    + ",`" + orderNo + ",`o5XTLXq-2f9ipcyk6SXb-8-XRIEW,`APP,`REFUND,`CFT,`CNY,`0.00,`0.00,`50300"
                    + digits(prefix, i, 23) + ",`R" + orderNo + ",`" + refund.toPlainString()
                    + ",`0.00,`ORIGINAL,`SUCCESS,`禾木优选玫瑰金戒指,`,`" + refundFee.negate().setScale(5).toPlainString()
                    + ",`0.60%,`0.00,`" + refund.toPlainString() + ",`\r\n");
            rows++;
            refunded = refunded.add(refund);
            fees = fees.subtract(refundFee);
            return 2;
        }

        void close() throws IOException {
            for (String refund : refunds) {
                out.write(refund);
            }
            out.write("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r\n");
            out.write("`" + rows + ",`" + settled.toPlainString() + ",`" + refunded.toPlainString() + ",`0.00,`"
                    + fees.toPlainString() + ",`" + settled.toPlainString() + ",`" + refunded.toPlainString() + "\r\n");
            out.close();
        }
    }

    /** Alipay 业务明细: GBK, CRLF, '#' preamble and footer, a TAB after identifiers. */
    private static final class AlipayBill {
        private static final DateTimeFormatter HEADER_TIME = DateTimeFormatter.ofPattern("yyyy'年'MM'月'dd'日' HH:mm:ss");
        private final BufferedWriter out;
        private final List<String> refunds = new ArrayList<>();
        private final LocalDate date;
        private long trades;
        private BigDecimal received = BigDecimal.ZERO.setScale(2);
        private BigDecimal refunded = BigDecimal.ZERO.setScale(2);

        AlipayBill(BufferedWriter out, LocalDate date) throws IOException {
            this.out = out;
            this.date = date;
            out.write("#支付宝业务明细查询\r\n#账号：[" + ALIPAY_ACCOUNT + "]\r\n#起始日期：["
                    + HEADER_TIME.format(date.atStartOfDay()) + "]   终止日期：["
                    + HEADER_TIME.format(date.plusDays(1).atStartOfDay()) + "]\r\n"
                    + "#-----------------------------------------业务明细列表----------------------------------------\r\n"
                    + "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,"
                    + "商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,"
                    + "商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注\r\n");
        }

        int payment(LocalDateTime at, String txnId, String orderNo, BigDecimal amount, BigDecimal refund,
                    String prefix, int i) throws IOException {
            String money = amount.toPlainString();
            out.write(txnId + "\t," + orderNo + "\t,交易,禾木优选日式抱枕," + TIME.format(at.minusSeconds(20)) + ","
                    + TIME.format(at) + ",\t,\t,\t,\t,ieo***@sina.com\t," + money + "," + money
                    + ",0.00,0.00,0.00,0.00,0.00,,0.00,0.00,\t," + fee(amount).negate().toPlainString() + ",0.00,\r\n");
            trades++;
            received = received.add(amount);
            if (refund == null) {
                return 1;
            }
            String back = refund.negate().toPlainString();
            refunds.add(txnId + "\t," + orderNo + "\t,退款,禾木优选日式抱枕," + TIME.format(at.minusSeconds(20)) + ","
                    + TIME.format(at.plusMinutes(10)) + ",\t,\t,\t,\t,ieo***@sina.com\t," + back + "," + back
                    + ",0.00,0.00,0.00,0.00,0.00,,0.00,0.00,RF" + digits(prefix, i, 16) + "\t,"
                    + fee(refund).toPlainString() + ",0.00,\r\n");
            refunded = refunded.add(refund);
            return 2;
        }

        void close() throws IOException {
            for (String refund : refunds) {
                out.write(refund);
            }
            out.write("#-----------------------------------------业务明细列表结束------------------------------------\r\n");
            out.write("#交易合计：" + trades + "笔，商家实收共" + received.toPlainString() + "元，商家优惠共0.00元\r\n");
            out.write("#退款合计：" + refunds.size() + "笔，商家实收退款共" + refunded.negate().toPlainString()
                    + "元，商家优惠退款共0.00元\r\n");
            out.write("#导出时间：[" + HEADER_TIME.format(date.plusDays(1).atTime(5, 45, 1)) + "]\r\n");
            out.close();
        }
    }

    private static BufferedWriter writer(Path folder, DayFile file, Charset charset) throws IOException {
        return Files.newBufferedWriter(Files.createDirectories(folder.resolve(file.source())).resolve(file.name()),
                charset);
    }

    private static BigDecimal fee(BigDecimal amount) {
        return amount.multiply(RATE).setScale(2, RoundingMode.HALF_UP);
    }

    /** A number of {@code width} digits unique per day prefix and order. */
    private static String digits(String prefix, int i, int width) {
        return (prefix.charAt(0) == 'W' ? "9" : "1") + String.format(Locale.ROOT, "%0" + (width - 1) + "d", i);
    }
}
