package com.reconflow.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A million-row bill parses in a JVM whose heap could not hold its records (each ~1 KB in memory), so
 * the parsers really stream. The totals check still runs at the end of the file.
 */
class LargeBillStreamingTest {

    private static final int ROWS = 1_000_000;
    private static final String HEAP = "-Xmx64m";

    @TempDir
    Path dir;

    @Test
    void millionRowWechatBillParsesInASmallHeap() throws Exception {
        Path bill = dir.resolve("wechat.csv");
        try (BufferedWriter out = Files.newBufferedWriter(bill, StandardCharsets.UTF_8)) {
            out.write("\uFEFF交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,"
                    + "货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,"
                    + "商户数据包,手续费,费率,订单金额,申请退款金额,费率备注\r\n");
            for (int i = 0; i < ROWS; i++) {
                out.write("`2026-11-20 11:10:20,`wx13e766327bb50553,`1630728691,`0,`,`42000024402026112" + pad(i)
                        + ",`M" + pad(i) + ",`o5XTLXq,`APP,`SUCCESS,`CFT,`CNY,`35.00,`0.00,`0,`0,`0.00,`0.00,`,`,"
                        + "`禾木优选玫瑰金戒指,`,`0.21000,`0.60%,`35.00,`0.00,`\r\n");
            }
            out.write("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r\n");
            out.write("`" + ROWS + ",`35000000.00,`0.00,`0.00,`210000.00,`35000000.00,`0.00\r\n");
        }

        assertThat(probe(WechatPayTradeBillParser.class, bill))
                .isEqualTo("records=1000000 rejected=0 amount=" + new BigDecimal("35000000.00"));
    }

    @Test
    void millionRowAlipayBillInGbkParsesInASmallHeap() throws Exception {
        Path bill = dir.resolve("alipay.csv");
        try (BufferedWriter out = Files.newBufferedWriter(bill, Charset.forName("GBK"))) {
            out.write("#支付宝业务明细查询\r\n#账号：[20880211096256330156]\r\n"
                    + "#-----------------------------------------业务明细列表----------------------------------------\r\n"
                    + "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,"
                    + "商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,"
                    + "商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注\r\n");
            for (int i = 0; i < ROWS; i++) {
                out.write("20261120220003439304" + pad(i) + "\t,A" + pad(i) + "\t,交易,禾木优选日式抱枕,2026-11-20 00:03:33,"
                        + "2026-11-20 00:03:53,\t,\t,\t,\t,ieo***@sina.com\t,24.00,24.00,0.00,0.00,0.00,0.00,0.00,,0.00,"
                        + "0.00,\t,-0.14,0.00,\r\n");
            }
            out.write("#-----------------------------------------业务明细列表结束------------------------------------\r\n"
                    + "#交易合计：" + ROWS + "笔，商家实收共24000000.00元，商家优惠共0.00元\r\n"
                    + "#退款合计：0笔，商家实收退款共0.00元，商家优惠退款共0.00元\r\n#导出时间：[2026年11月21日 05:45:01]\r\n");
        }

        assertThat(probe(AlipayBusinessDetailParser.class, bill))
                .isEqualTo("records=1000000 rejected=0 amount=" + new BigDecimal("24000000.00"));
    }

    private static String pad(int i) {
        return String.format("%08d", i);
    }

    /** Runs {@link StreamingProbe} in a JVM with a small heap; its output line, or the failure with its stderr. */
    private static String probe(Class<? extends ChannelFileParser> parser, Path file) throws IOException,
            InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), HEAP, "-cp", System.getProperty("java.class.path"),
                StreamingProbe.class.getName(), parser.getName(), file.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
