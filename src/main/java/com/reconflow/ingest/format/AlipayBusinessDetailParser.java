package com.reconflow.ingest.format;

import com.reconflow.ingest.CanonicalRecord;
import com.reconflow.ingest.FileRejectedException;
import com.reconflow.ingest.ParsedFile;
import com.reconflow.ingest.RecordKind;
import com.reconflow.ingest.format.Cells.BadValue;
import com.reconflow.ingest.format.Table.Line;
import com.reconflow.ingest.format.Table.Row;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Alipay 业务明细 ({@code alipay-business-detail}), GBK or UTF-8, plain or as the downloaded
 * {@code csv.zip}: a {@code #} preamble, the rows, and a {@code #} footer whose totals must agree with them.
 */
public final class AlipayBusinessDetailParser implements ChannelFileParser {

    private static final String TXN_ID = "支付宝交易号";
    private static final String ORDER_NO = "商户订单号";
    private static final String TYPE = "业务类型";
    private static final String FINISHED = "完成时间";
    private static final String RECEIVED = "商家实收（元）";
    private static final String FEE = "服务费（元）";
    private static final String REFUND_NO = "退款批次号/请求号";
    private static final String STORE = "门店编号";
    private static final String TITLE = "#支付宝业务明细查询";

    private static final List<String> SIGNATURE = List.of(TXN_ID, TYPE, RECEIVED);
    private static final List<String> REQUIRED = List.of(TXN_ID, ORDER_NO, TYPE, FINISHED, RECEIVED, FEE, REFUND_NO);
    private static final List<String> ATTRIBUTES = List.of("订单金额（元）", "商品名称", "创建时间", "门店名称", "操作员",
            "终端号", "支付宝红包（元）", "集分宝（元）", "支付宝优惠（元）", "商家优惠（元）", "券核销金额（元）", "券名称",
            "商家红包消费金额（元）", "卡消费金额（元）", "分润（元）", "备注");

    private static final String AMOUNT = "(-?[\\d,]+(?:\\.\\d+)?)";
    private static final Pattern TRADE_TOTAL = Pattern.compile("#交易合计[：:]\\s*(\\d+)笔[，,]\\s*商家实收共\\s*" + AMOUNT + "元");
    private static final Pattern REFUND_TOTAL =
            Pattern.compile("#退款合计[：:]\\s*(\\d+)笔[，,]\\s*商家实收退款共\\s*" + AMOUNT + "元");

    @Override
    public String formatId() {
        return "alipay-business-detail";
    }

    @Override
    public boolean recognises(ChannelFile file) {
        if (isZip(file.content())) {
            try {
                return detailMember(file) != null;
            } catch (IOException | IllegalArgumentException e) {
                return false;
            }
        }
        String head = file.head();
        return Table.lines(head).stream().anyMatch(l -> l.text().strip().startsWith(TITLE))
                || Table.firstCells(head, l -> l.startsWith("#")).containsAll(SIGNATURE);
    }

    @Override
    public ParsedFile parse(ChannelFile file) {
        ChannelFile csv = isZip(file.content()) ? unzip(file) : file;
        String name = csv.fileName();
        List<Line> lines = Table.lines(csv.text());
        int header = IntStream.range(0, lines.size())
                .filter(i -> !lines.get(i).blank() && !isComment(lines.get(i))).findFirst()
                .orElseThrow(() -> new FileRejectedException(name + " is empty: no header row"));
        // the detail list ends at the first '#' line; only the '#' footer and blank lines may follow
        int end = IntStream.range(header + 1, lines.size()).filter(i -> isComment(lines.get(i))).findFirst()
                .orElse(lines.size());
        lines.subList(end, lines.size()).stream().filter(l -> !l.blank() && !isComment(l)).findFirst()
                .ifPresent(l -> {
                    throw new FileRejectedException(name + " is corrupt: line " + l.no()
                            + " is a data row after the end of the detail list");
                });
        List<Line> detail = lines.subList(header + 1, end);
        List<Line> footer = lines.subList(end, lines.size());

        Table table = Table.read(name, lines.get(header), detail, Table.QUOTED, UnaryOperator.identity());
        Header h = table.header().require(REQUIRED);
        Matcher trades = find(TRADE_TOTAL, footer);
        Matcher refunds = find(REFUND_TOTAL, footer);
        if (trades == null || refunds == null) {
            throw new FileRejectedException(table.rows().isEmpty() && table.errors().isEmpty()
                    ? name + " is empty"
                    : name + " is truncated or corrupt: the footer totals (#交易合计, #退款合计) are missing");
        }
        ZoneId zone = file.zone();
        ParsedFile parsed = table.parse(formatId(), row -> toRecord(h, row, zone));
        checkFooter(name, trades, refunds, table.rows().size() + table.errors().size(), parsed);
        return parsed;
    }

    private static CanonicalRecord toRecord(Header h, Row row, ZoneId zone) {
        List<String> c = row.cells();
        String txnId = Cells.required(TXN_ID, h.get(c, TXN_ID));
        String orderNo = Cells.required(ORDER_NO, h.get(c, ORDER_NO));
        OffsetDateTime at = Cells.time(FINISHED, h.get(c, FINISHED), zone);
        BigDecimal received = Cells.money(RECEIVED, h.get(c, RECEIVED));
        BigDecimal fee = Cells.fee(FEE, h.get(c, FEE));
        String type = h.get(c, TYPE);
        RecordKind kind = switch (type) {
            case "交易" -> RecordKind.PAYMENT;
            case "退款" -> RecordKind.REFUND;
            default -> throw new BadValue(TYPE, TYPE + " '" + type + "' is neither 交易 nor 退款");
        };
        // trades receive money, refunds give it back: a sign the other way round is not this layout
        if (received.signum() != 0 && (received.signum() > 0) != (kind == RecordKind.PAYMENT)) {
            throw new BadValue(RECEIVED, RECEIVED + " '" + received + "' has the wrong sign for a " + type + " row");
        }
        String refundNo = kind == RecordKind.REFUND ? Cells.orNull(h.get(c, REFUND_NO)) : null;
        return new CanonicalRecord(kind, at.toLocalDate(), orderNo, txnId, refundNo, received.abs(), fee, "CNY",
                "SUCCESS", at, Cells.orNull(h.get(c, STORE)), "alipay", null, row.line(), row.raw(),
                h.attributes(c, ATTRIBUTES));
    }

    private static void checkFooter(String name, Matcher trades, Matcher refunds, int detailRows, ParsedFile parsed) {
        int tradeCount = Integer.parseInt(trades.group(1));
        int refundCount = Integer.parseInt(refunds.group(1));
        BigDecimal tradeSum = footerAmount(name, trades.group(2));
        BigDecimal refundSum = footerAmount(name, refunds.group(2));
        List<CanonicalRecord> payments = parsed.records().stream().filter(r -> r.kind() == RecordKind.PAYMENT).toList();
        List<CanonicalRecord> refundRows = parsed.records().stream().filter(r -> r.kind() == RecordKind.REFUND).toList();
        BigDecimal rowTrades = total(payments);
        BigDecimal rowRefunds = total(refundRows).negate();
        // quarantined rows are reported on their own: only the overall row count can still be checked
        boolean agrees = parsed.rejectedRows().isEmpty()
                ? tradeCount == payments.size() && refundCount == refundRows.size()
                        && tradeSum.compareTo(rowTrades) == 0 && refundSum.compareTo(rowRefunds) == 0
                : tradeCount + refundCount == detailRows;
        if (!agrees) {
            throw new FileRejectedException(String.format("%s is truncated or corrupt: footer says %d trades / %s yuan"
                            + " and %d refunds / %s yuan, detail has %d trades / %s yuan and %d refunds / %s yuan"
                            + " (%d rows in all)",
                    name, tradeCount, tradeSum, refundCount, refundSum, payments.size(), rowTrades,
                    refundRows.size(), rowRefunds, detailRows));
        }
    }

    private static BigDecimal total(List<CanonicalRecord> records) {
        return records.stream().map(CanonicalRecord::amount).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    private static BigDecimal footerAmount(String name, String value) {
        try {
            return Cells.decimal("footer", value).setScale(2, RoundingMode.HALF_UP);
        } catch (BadValue e) {
            throw new FileRejectedException(name + " is corrupt: footer amount '" + value + "' is not a number");
        }
    }

    private static Matcher find(Pattern pattern, List<Line> lines) {
        return lines.stream().map(l -> pattern.matcher(l.text().strip())).filter(Matcher::lookingAt).findFirst()
                .orElse(null);
    }

    private static boolean isComment(Line line) {
        return line.text().strip().startsWith("#");
    }

    static boolean isZip(byte[] content) {
        return content.length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
    }

    /** The 业务明细 CSV inside the downloaded archive (member names are GBK), under "archive!/member". */
    private static ChannelFile unzip(ChannelFile file) {
        try (ZipInputStream zip = openZip(file)) {
            ZipEntry entry = seekDetail(zip);
            if (entry == null) {
                throw new FileRejectedException(file.fileName() + ": zip contains no 业务明细 CSV");
            }
            return ChannelFile.ofBytes(file.fileName() + "!/" + entry.getName(), zip.readAllBytes(), file.zone());
        } catch (IOException | IllegalArgumentException e) {
            throw new FileRejectedException(file.fileName() + ": not a readable zip archive: " + e.getMessage(), e);
        }
    }

    private static String detailMember(ChannelFile file) throws IOException {
        try (ZipInputStream zip = openZip(file)) {
            ZipEntry entry = seekDetail(zip);
            return entry == null ? null : entry.getName();
        }
    }

    private static ZipInputStream openZip(ChannelFile file) {
        return new ZipInputStream(new ByteArrayInputStream(file.content()), ChannelFile.gbk());
    }

    /** Advances to the detail member: named like {@code …_业务明细.csv}, not the {@code (汇总)} one. */
    private static ZipEntry seekDetail(ZipInputStream zip) throws IOException {
        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
            String member = e.getName().substring(e.getName().lastIndexOf('/') + 1);
            if (!e.isDirectory() && member.contains("业务明细") && !member.contains("汇总")
                    && member.toLowerCase(Locale.ROOT).endsWith(".csv")) {
                return e;
            }
        }
        return null;
    }
}
