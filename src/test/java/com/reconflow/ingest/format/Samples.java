package com.reconflow.ingest.format;

import com.reconflow.ingest.ParsedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

/** The sample day's files (copied from the shared samples) and small inline files for the tests. */
final class Samples {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Charset GBK = Charset.forName("GBK");

    static final String WECHAT = "wechatpay_tradebill_ALL_20261120.csv";
    static final String ALIPAY = "alipay_business_detail_20261120.csv";
    static final String ALIPAY_ACCOUNT = "alipay_account_detail_20261120.csv";
    static final String TMALL = "ExportOrderList_20261120.csv";
    static final String CARD = "unionpay_20261120.csv";
    static final String JD = "jd_orders_20261120.csv";
    static final String DOUYIN = "douyin_orders_20261120.csv";
    static final String MINIPROGRAM = "mp_orders_20261120.csv";
    static final String POS = "pos_sales_20261120.csv";

    private Samples() {
    }

    static byte[] bytes(String sample) {
        try (InputStream in = Samples.class.getResourceAsStream("/formats/" + sample)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource formats/" + sample);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything the parser hands over, collected in memory. */
    static ParsedFile parse(ChannelFileParser parser, ChannelFile file) {
        ParsedFile.Collector collector = new ParsedFile.Collector();
        parser.parse(file, collector);
        return collector.toParsedFile(parser.formatId());
    }

    static ChannelFile sample(String sample) {
        return ChannelFile.ofBytes(sample, bytes(sample), SHANGHAI);
    }

    /** A sample's text, for tests that alter a copy of it. */
    static String text(String sample, Charset charset) {
        return new String(bytes(sample), charset);
    }

    static ChannelFile utf8(String name, String text) {
        return ChannelFile.ofBytes(name, text.getBytes(StandardCharsets.UTF_8), SHANGHAI);
    }

    static ChannelFile gbk(String name, String text) {
        return ChannelFile.ofBytes(name, text.getBytes(GBK), SHANGHAI);
    }
}
