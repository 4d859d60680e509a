package com.reconflow.demo;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.reconflow.demo.DayModel.CarriedPayment;

/**
 * Writes a {@link DayModel} as the files its channels, providers and bank deliver, byte for byte in
 * the layouts of FORMATS.md and the samples, streaming row by row: the channel order exports
 * ({@code channel-orders}), the WeChat Pay ALL trade bill, the Alipay 业务明细 (GBK), the card
 * acquirer's settlement, and the next day's camt.053 statement with each provider's payout. Bills
 * list their rows by time, exports by order time; summaries and footers add up the rows written.
 */
final class DayFiles {

    /** Where a file goes: {@code <source>/<fileName>} in the inbox layout. */
    interface Target {
        OutputStream open(String source, String fileName) throws IOException;
    }

    record Written(String source, String fileName) {
    }

    static final String ALIPAY_ACCOUNT = "20880211096256330156";
    private static final String WECHAT_MERCHANT_ID = "1630728691";
    private static final Charset GBK = Charset.forName("GBK");
    private static final int BUFFER = 1 << 16;

    private static final String CHANNEL_ORDERS_HEADER = "订单号,下单时间,支付时间,订单金额,支付方式,支付流水号,订单状态,退款金额,门店,商品类目,SKU,数量";
    private static final String WECHAT_HEADER = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,"
            + "交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,"
            + "商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
    private static final String WECHAT_SUMMARY_HEADER = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额";
    private static final String ALIPAY_HEADER = "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,"
            + "对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,"
            + "商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注";
    // Marker lines exactly as Alipay writes them (dash counts included).
    private static final String ALIPAY_LIST_START = "#-----------------------------------------业务明细列表----------------------------------------";
    private static final String ALIPAY_LIST_END = "#-----------------------------------------业务明细列表结束------------------------------------";
    private static final String CARD_HEADER = "商户号,终端号,交易时间,交易类型,批次号,凭证号,参考号,卡号,交易金额,手续费,订单号,结算金额";

    private static final int PAYMENT = 0;
    private static final int REFUND = 1;
    private static final int CARRIED = 2;

    private final DayModel day;
    private final String today;
    private final String tomorrow;

    DayFiles(DayModel day) {
        this.day = day;
        this.today = day.date + " ";
        this.tomorrow = day.date.plusDays(1) + " ";
    }

    List<Written> writeAll(Target target) throws IOException {
        List<Written> written = new ArrayList<>();
        for (Channel c : Channel.values()) {
            written.add(channelOrders(target, c));
        }
        written.add(wechatBill(target));
        written.add(alipayBill(target));
        written.add(cardSettlement(target));
        written.add(bankStatement(target));
        return written;
    }

    /** A payment's row in its provider's bill; the next day's bill takes those of late orders as they are. */
    String paymentLine(int x) {
        StringBuilder line = new StringBuilder(400);
        switch (Provider.values()[day.provider[x]]) {
            case WECHATPAY -> wechatPayment(line, x);
            case ALIPAY -> alipayPayment(line, x);
            case CARD -> cardPayment(line, x);
        }
        return line.toString();
    }

    // ---- channel orders ------------------------------------------------------------------------

    /** channel-orders: UTF-8 CSV, LF line ends, as the channels export it; the mini-program's with a BOM. */
    private Written channelOrders(Target target, Channel c) throws IOException {
        String name = c.filePrefix + day.ids.date() + ".csv";
        long[] keys = new long[day.orders];
        int count = 0;
        for (int o = 0; o < day.orders; o++) {
            if (day.exported[o] && day.channel[o] == c.ordinal()) {
                keys[count++] = ((long) day.placed[o] << 32) | o;
            }
        }
        Arrays.sort(keys, 0, count);
        try (Writer out = open(target, c.source, name, StandardCharsets.UTF_8, c.bom)) {
            out.write(CHANNEL_ORDERS_HEADER);
            out.write('\n');
            StringBuilder line = new StringBuilder(200);
            for (int i = 0; i < count; i++) {
                int o = (int) keys[i];
                Catalog.Product p = Catalog.PRODUCTS.get(day.product[o]);
                line.setLength(0);
                line.append(day.orderNo(o)).append(',');
                time(line, day.placed[o]).append(',');
                if (day.paid[o] >= 0) {
                    time(line, day.paid[o]);
                }
                money(line.append(','), day.amount[o]).append(',');
                line.append(DayModel.METHOD_NAMES[day.method[o]]).append(',');
                line.append(day.serial[o] < 0 ? "" : day.txnId(day.serial[o])).append(',');
                line.append(DayModel.STATUS_NAMES[day.status[o]]).append(',');
                money(line, day.refunded[o]).append(',');
                line.append(c == Channel.POS ? Catalog.storeCode(day.store[o]) : c.source).append(',');
                line.append(p.category()).append(',').append(p.sku()).append(',').append(day.quantity[o]).append('\n');
                out.append(line);
            }
        }
        return new Written(c.source, name);
    }

    // ---- WeChat Pay ----------------------------------------------------------------------------

    /** WeChat Pay trade bill ALL: UTF-8 with BOM, CRLF, every value behind a backtick, summary block. */
    private Written wechatBill(Target target) throws IOException {
        String name = "wechatpay_tradebill_ALL_" + day.ids.date() + ".csv";
        long[] rows = billRows(Provider.WECHATPAY);
        long settled = 0;
        long refundedTotal = 0;
        long fees = 0;
        try (Writer out = open(target, Provider.WECHATPAY.source, name, StandardCharsets.UTF_8, true)) {
            out.write(WECHAT_HEADER + "\r\n");
            StringBuilder line = new StringBuilder(400);
            for (long row : rows) {
                int i = (int) (row & 0x3FFF_FFFF);
                line.setLength(0);
                switch (kind(row)) {
                    case PAYMENT -> {
                        wechatPayment(line, i);
                        settled += day.payAmount[i];
                        fees += day.payFee[i];
                    }
                    case REFUND -> {
                        wechatRefund(line, i);
                        refundedTotal += day.refundAmount[i];
                        fees -= day.refundFee[i];
                    }
                    default -> {
                        CarriedPayment carried = day.incoming.get(i);
                        line.append(carried.line());
                        settled += carried.amount();
                        fees += carried.fee();
                    }
                }
                out.append(line).append("\r\n");
            }
            out.write(WECHAT_SUMMARY_HEADER + "\r\n");
            line.setLength(0);
            line.append('`').append(rows.length);
            money(line.append(",`"), settled);
            money(line.append(",`"), refundedTotal);
            line.append(",`0.00");
            money(line.append(",`"), fees);
            money(line.append(",`"), settled);
            money(line.append(",`"), refundedTotal);
            out.append(line).append("\r\n");
        }
        return new Written(Provider.WECHATPAY.source, name);
    }

    private void wechatPayment(StringBuilder line, int x) {
        time(line.append('`'), day.payAt[x]);
        wechatPaymentIdentifiers(line, x);
        line.append(",`SUCCESS,`").append(Catalog.wechatBank(day.looks(x) >>> 20)).append(",`CNY");
        money(line.append(",`"), day.payAmount[x]).append(",`0.00,`0,`0,`0.00,`0.00,`,`");
        line.append(",`").append(productName(x)).append(",`").append(memo(x));
        money(line.append(",`"), day.payFee[x]).append("000");
        rate(line.append(",`"), day.payRate[x]);
        money(line.append(",`"), day.payAmount[x]).append(",`0.00,`");
    }

    /** 公众账号ID to 交易类型: the payment's identifiers, which its refund rows repeat. */
    private void wechatPaymentIdentifiers(StringBuilder line, int x) {
        int o = day.payOrder[x];
        Channel c = Channel.values()[day.channel[o]];
        long looks = day.looks(x);
        line.append(",`").append(c.wechatAppId).append(",`").append(WECHAT_MERCHANT_ID).append(",`0,`");
        line.append(device(c, o, looks));
        line.append(",`").append(day.txnId(x)).append(",`").append(day.merchantOrderNo(x));
        line.append(",`").append(Catalog.openId(c.openIdPrefix, looks)).append(",`").append(c.wechatTradeType);
    }

    /** A refund row repeats the payment's identifiers; its money is in 退款金额, its fee is given back. */
    private void wechatRefund(StringBuilder line, int r) {
        int x = day.refundOf[r];
        time(line.append('`'), day.refundAt[r]);
        wechatPaymentIdentifiers(line, x);
        line.append(",`REFUND,`").append(Catalog.wechatBank(day.looks(x) >>> 20)).append(",`CNY,`0.00,`0.00");
        line.append(",`").append(day.ids.wechatRefundId(day.refundNumber[r]));
        line.append(",`RF").append(day.merchantOrderNo(x));
        money(line.append(",`"), day.refundAmount[r]).append(",`0.00,`ORIGINAL,`SUCCESS");
        line.append(",`").append(productName(x)).append(",`");
        money(line.append(",`"), -day.refundFee[r]).append("000");
        rate(line.append(",`"), day.payRate[x]);
        money(line.append(",`0.00,`"), day.refundAmount[r]).append(",`");
    }

    /** POS terminals scan the customer's code (MICROPAY) and name the till as 设备号. */
    private String device(Channel c, int o, long looks) {
        return c == Channel.POS ? Catalog.storeCode(day.store[o]) + "-POS0" + (1 + looks % 3) : "";
    }

    // ---- Alipay --------------------------------------------------------------------------------

    /** Alipay 业务明细: GBK, CRLF, '#' preamble and footer, TAB after identifiers so Excel keeps them as text. */
    private Written alipayBill(Target target) throws IOException {
        String name = ALIPAY_ACCOUNT + "_" + day.ids.date() + "_业务明细.csv";
        long[] rows = billRows(Provider.ALIPAY);
        int trades = 0;
        long traded = 0;
        int refundRows = 0;
        long refundedTotal = 0;
        try (Writer out = open(target, Provider.ALIPAY.source, name, GBK, false)) {
            out.write("#支付宝业务明细查询\r\n");
            out.write("#账号：[" + ALIPAY_ACCOUNT + "]\r\n");
            out.write("#起始日期：[" + chineseTime(day.date, 0) + "]   终止日期：[" + chineseTime(day.date.plusDays(1), 0)
                    + "]\r\n");
            out.write(ALIPAY_LIST_START + "\r\n");
            out.write(ALIPAY_HEADER + "\r\n");
            StringBuilder line = new StringBuilder(400);
            for (long row : rows) {
                int i = (int) (row & 0x3FFF_FFFF);
                line.setLength(0);
                switch (kind(row)) {
                    case PAYMENT -> {
                        alipayPayment(line, i);
                        trades++;
                        traded += day.payAmount[i];
                    }
                    case REFUND -> {
                        alipayRefund(line, i);
                        refundRows++;
                        refundedTotal += day.refundAmount[i];
                    }
                    default -> {
                        CarriedPayment carried = day.incoming.get(i);
                        line.append(carried.line());
                        trades++;
                        traded += carried.amount();
                    }
                }
                out.append(line).append("\r\n");
            }
            out.write(ALIPAY_LIST_END + "\r\n");
            line.setLength(0);
            money(line.append("#交易合计：").append(trades).append("笔，商家实收共"), traded).append("元，商家优惠共0.00元\r\n");
            money(line.append("#退款合计：").append(refundRows).append("笔，商家实收退款共"), -refundedTotal)
                    .append("元，商家优惠退款共0.00元\r\n");
            out.append(line);
            int exported = (int) (Identifiers.Mix.of(day.seed, day.date.toEpochDay(), 41) % 3600);
            out.write("#导出时间：[" + chineseTime(day.date.plusDays(1), 5 * 3600 + exported) + "]\r\n");
        }
        return new Written(Provider.ALIPAY.source, name);
    }

    private void alipayPayment(StringBuilder line, int x) {
        int o = day.payOrder[x];
        line.append(day.txnId(x)).append("\t,").append(day.merchantOrderNo(x)).append("\t,交易,");
        line.append(productName(x)).append(',');
        time(line, day.placed[o]).append(',');
        time(line, day.payAt[x]).append(',');
        alipayStore(line, o);
        line.append(Catalog.alipayAccount(day.looks(x))).append("\t,");
        money(line, day.payAmount[x]).append(',');
        money(line, day.payAmount[x]).append(",0.00,0.00,0.00,0.00,0.00,,0.00,0.00,\t,");
        money(line, -day.payFee[x]).append(",0.00,");
    }

    /** A refund row repeats the trade's 支付宝交易号 with negative money; the fee comes back (positive). */
    private void alipayRefund(StringBuilder line, int r) {
        int x = day.refundOf[r];
        int o = day.payOrder[x];
        line.append(day.txnId(x)).append("\t,").append(day.merchantOrderNo(x)).append("\t,退款,");
        line.append(productName(x)).append(',');
        time(line, day.placed[o]).append(',');
        time(line, day.refundAt[r]).append(',');
        alipayStore(line, o);
        line.append(Catalog.alipayAccount(day.looks(x))).append("\t,");
        money(line, -day.refundAmount[r]).append(',');
        money(line, -day.refundAmount[r]).append(",0.00,0.00,0.00,0.00,0.00,,0.00,0.00,");
        line.append("RF").append(day.merchantOrderNo(x)).append("\t,");
        money(line, day.refundFee[r]).append(",0.00,");
    }

    /** 门店编号, 门店名称, 操作员, 终端号: filled for the stores' terminals, empty online. */
    private void alipayStore(StringBuilder line, int o) {
        if (day.channel[o] != Channel.POS.ordinal()) {
            line.append("\t,\t,\t,\t,");
            return;
        }
        String code = Catalog.storeCode(day.store[o]);
        line.append(code).append("\t,").append(Catalog.storeName(day.store[o])).append("\t,");
        line.append(code).append("-01\t,").append(code).append("T01\t,");
    }

    // ---- card acquirer -------------------------------------------------------------------------

    /** The acquirer's settlement for the POS terminals: UTF-8, LF; 退货 rows carry no fee and negative money. */
    private Written cardSettlement(Target target) throws IOException {
        String name = "unionpay_" + day.ids.date() + ".csv";
        long[] rows = billRows(Provider.CARD);
        try (Writer out = open(target, Provider.CARD.source, name, StandardCharsets.UTF_8, false)) {
            out.write(CARD_HEADER + "\n");
            StringBuilder line = new StringBuilder(200);
            for (long row : rows) {
                int i = (int) (row & 0x3FFF_FFFF);
                line.setLength(0);
                switch (kind(row)) {
                    case PAYMENT -> cardPayment(line, i);
                    case REFUND -> cardRefund(line, i);
                    default -> line.append(day.incoming.get(i).line());
                }
                out.append(line).append('\n');
            }
        }
        return new Written(Provider.CARD.source, name);
    }

    private void cardPayment(StringBuilder line, int x) {
        long looks = day.looks(x);
        cardTerminal(line, day.payOrder[x], looks);
        time(line, day.payAt[x]).append(",消费,");
        cardBatch(line).append(String.format("%06d", Identifiers.Mix.of(looks, 3) % 1_000_000)).append(',');
        line.append(day.txnId(x)).append(',').append(Catalog.cardNumber(looks >>> 24)).append(',');
        money(line, day.payAmount[x]).append(',');
        money(line, day.payFee[x]).append(',').append(day.merchantOrderNo(x)).append(',');
        money(line, day.payAmount[x] - day.payFee[x]);
    }

    private void cardRefund(StringBuilder line, int r) {
        int x = day.refundOf[r];
        long looks = day.looks(x);
        cardTerminal(line, day.payOrder[x], looks);
        time(line, day.refundAt[r]).append(",退货,");
        cardBatch(line).append(String.format("%06d", Identifiers.Mix.of(looks, r, 4) % 1_000_000)).append(',');
        line.append(day.refundTxnId(r)).append(',').append(Catalog.cardNumber(looks >>> 24)).append(',');
        money(line, -day.refundAmount[r]).append(",,").append(day.merchantOrderNo(x)).append(',');
        money(line, -day.refundAmount[r]);
    }

    /** 商户号 and 终端号 of the store's terminal (samples: 898310056510 + store, store + terminal). */
    private void cardTerminal(StringBuilder line, int o, long looks) {
        int store = day.store[o];
        line.append(String.format("898310056510%03d,%04d%04d,", store, store, 1 + looks % 4));
    }

    /** One settlement batch a day. */
    private StringBuilder cardBatch(StringBuilder line) {
        return line.append(String.format("%06d", day.date.toEpochDay() % 1000)).append(',');
    }

    // ---- bank ----------------------------------------------------------------------------------

    /**
     * The bank's camt.053 statement of the next day: one credit per provider for this day's
     * settlement, EndToEndId {@code <PROVIDER>-SETTLE-<yyyyMMdd>}; balances that add up.
     */
    private Written bankStatement(Target target) throws IOException {
        String name = "camt053_" + day.ids.date() + ".xml";
        LocalDate booked = day.date.plusDays(1);
        String bookedBasic = day.nextIds.date();
        long opening = 3_000_000_00L + Identifiers.Mix.of(day.seed, day.date.toEpochDay(), 51) % 3_000_000_00L;
        long credits = 0;
        int entries = 0;
        for (Provider p : Provider.values()) {
            if (day.settles[p.ordinal()]) {
                if (day.credited[p.ordinal()] <= 0) {
                    throw new IllegalStateException(p.source + " settles nothing positive on " + day.date);
                }
                credits += day.credited[p.ordinal()];
                entries++;
            }
        }
        StringBuilder xml = new StringBuilder(8192);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\">\n")
                .append("  <BkToCstmrStmt>\n")
                .append("    <GrpHdr>\n")
                .append("      <MsgId>CCB").append(bookedBasic)
                .append(String.format("%08d", Identifiers.Mix.of(day.seed, day.date.toEpochDay(), 52) % 100_000_000))
                .append("</MsgId>\n")
                .append("      <CreDtTm>").append(booked).append("T18:30:00+08:00</CreDtTm>\n")
                .append("    </GrpHdr>\n")
                .append("    <Stmt>\n")
                .append("      <Id>STMT-").append(bookedBasic).append("-001</Id>\n")
                .append("      <ElctrncSeqNb>").append(booked.getDayOfYear()).append("</ElctrncSeqNb>\n")
                .append("      <CreDtTm>").append(booked).append("T18:30:00+08:00</CreDtTm>\n")
                .append("      <FrToDt><FrDtTm>").append(booked).append("T00:00:00+08:00</FrDtTm><ToDtTm>")
                .append(booked).append("T23:59:59+08:00</ToDtTm></FrToDt>\n")
                .append("      <Acct>\n")
                .append("        <Id><Othr><Id>31050161393600001234</Id></Othr></Id>\n")
                .append("        <Ccy>CNY</Ccy>\n")
                .append("        <Ownr><Nm>禾木优选商贸（上海）有限公司</Nm></Ownr>\n")
                .append("        <Svcr><FinInstnId><BICFI>PCBCCNBJSHX</BICFI><Nm>中国建设银行上海市分行</Nm></FinInstnId></Svcr>\n")
                .append("      </Acct>\n");
        balance(xml, "OPBD", opening, booked);
        balance(xml, "CLBD", opening + credits, booked);
        xml.append("      <TxsSummry>\n        <TtlCdtNtries><NbOfNtries>").append(entries).append("</NbOfNtries><Sum>");
        money(xml, credits).append("</Sum></TtlCdtNtries>\n      </TxsSummry>\n");
        int entry = 0;
        for (Provider p : Provider.values()) {
            if (!day.settles[p.ordinal()]) {
                continue;
            }
            String reference = day.bankReference(p);
            xml.append("      <Ntry>\n        <NtryRef>").append(++entry).append("</NtryRef>\n        <Amt Ccy=\"CNY\">");
            money(xml, day.credited[p.ordinal()]).append("</Amt>\n")
                    .append("        <CdtDbtInd>CRDT</CdtDbtInd>\n        <RvslInd>false</RvslInd>\n")
                    .append("        <Sts><Cd>BOOK</Cd></Sts>\n")
                    .append("        <BookgDt><Dt>").append(booked).append("</Dt></BookgDt>\n")
                    .append("        <ValDt><Dt>").append(booked).append("</Dt></ValDt>\n")
                    .append("        <AcctSvcrRef>").append(reference).append("</AcctSvcrRef>\n")
                    .append("        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly>"
                            + "</Domn></BkTxCd>\n")
                    .append("        <NtryDtls>\n          <TxDtls>\n")
                    .append("            <Refs><AcctSvcrRef>").append(reference).append("</AcctSvcrRef><EndToEndId>")
                    .append(day.payoutReference(p)).append("</EndToEndId></Refs>\n")
                    .append("            <Amt Ccy=\"CNY\">");
            money(xml, day.credited[p.ordinal()]).append("</Amt>\n")
                    .append("            <CdtDbtInd>CRDT</CdtDbtInd>\n")
                    .append("            <RltdPties><Dbtr><Pty><Nm>").append(p.payer).append("</Nm></Pty></Dbtr></RltdPties>\n")
                    .append("            <RmtInf><Ustrd>").append(p.remittance).append(' ').append(day.date)
                    .append(" 交易日结算（T+1）</Ustrd></RmtInf>\n")
                    .append("          </TxDtls>\n        </NtryDtls>\n")
                    .append("        <AddtlNtryInf>").append(p.remittance).append("</AddtlNtryInf>\n")
                    .append("      </Ntry>\n");
        }
        xml.append("    </Stmt>\n  </BkToCstmrStmt>\n</Document>\n");
        try (Writer out = open(target, "bank", name, StandardCharsets.UTF_8, false)) {
            out.append(xml);
        }
        return new Written("bank", name);
    }

    private void balance(StringBuilder xml, String code, long cents, LocalDate booked) {
        xml.append("      <Bal>\n        <Tp><CdOrPrtry><Cd>").append(code).append("</Cd></CdOrPrtry></Tp>\n")
                .append("        <Amt Ccy=\"CNY\">");
        money(xml, cents).append("</Amt>\n        <CdtDbtInd>CRDT</CdtDbtInd>\n        <Dt><Dt>").append(booked)
                .append("</Dt></Dt>\n      </Bal>\n");
    }

    // ---- shared --------------------------------------------------------------------------------

    /**
     * A provider's rows of the day by time: its payments (not the omitted ones, nor those of late
     * orders, booked after midnight), its refunds, and the previous day's late payments.
     */
    private long[] billRows(Provider p) {
        long[] keys = new long[day.payments + day.refunds + day.incoming.size()];
        int count = 0;
        for (int x = 0; x < day.payments; x++) {
            if (day.provider[x] == p.ordinal() && day.inTodaysBill(x)) {
                keys[count++] = row(day.payAt[x], PAYMENT, x);
            }
        }
        for (int r = 0; r < day.refunds; r++) {
            if (day.provider[day.refundOf[r]] == p.ordinal()) {
                keys[count++] = row(day.refundAt[r], REFUND, r);
            }
        }
        for (int i = 0; i < day.incoming.size(); i++) {
            if (day.incoming.get(i).provider() == p) {
                keys[count++] = row(day.incoming.get(i).at(), CARRIED, i);
            }
        }
        long[] rows = Arrays.copyOf(keys, count);
        Arrays.sort(rows);
        return rows;
    }

    private static long row(int at, int kind, int index) {
        return ((long) at << 32) | ((long) kind << 30) | index;
    }

    private static int kind(long row) {
        return (int) (row >>> 30) & 3;
    }

    private String productName(int x) {
        int o = day.payOrder[x];
        String name = Catalog.PRODUCTS.get(day.product[o]).name();
        int[] covered = day.combined.get(x);
        return covered == null ? name : name + "等" + covered.length + "件";
    }

    /** 商户数据包: the orders a combined checkout covers, {@code |}-separated. */
    private String memo(int x) {
        int[] covered = day.combined.get(x);
        if (covered == null) {
            return "";
        }
        StringBuilder memo = new StringBuilder();
        for (int o : covered) {
            memo.append(memo.isEmpty() ? "" : "|").append(day.orderNo(o));
        }
        return memo.toString();
    }

    /** {@code yyyy-MM-dd HH:mm:ss}; seconds past the day's end are the next day's. */
    private StringBuilder time(StringBuilder line, int second) {
        int s = second;
        if (s >= DayModel.DAY) {
            line.append(tomorrow);
            s -= DayModel.DAY;
        } else {
            line.append(today);
        }
        return twoDigits(twoDigits(twoDigits(line, s / 3600).append(':'), s / 60 % 60).append(':'), s % 60);
    }

    private static String chineseTime(LocalDate date, int second) {
        return String.format("%d年%02d月%02d日 %02d:%02d:%02d", date.getYear(), date.getMonthValue(),
                date.getDayOfMonth(), second / 3600, second / 60 % 60, second % 60);
    }

    private static StringBuilder twoDigits(StringBuilder line, int value) {
        return line.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /** Yuan with two decimals, no grouping: {@code -12.30}. */
    static StringBuilder money(StringBuilder line, long cents) {
        long c = cents;
        if (c < 0) {
            line.append('-');
            c = -c;
        }
        line.append(c / 100).append('.');
        return twoDigits(line, (int) (c % 100));
    }

    /** The 费率 column: {@code 0.60%}. */
    private static void rate(StringBuilder line, int rate) {
        line.append(rate / 100).append('.');
        twoDigits(line, rate % 100).append('%');
    }

    /** Strictly encoded (an unmappable character fails the write), buffered, optionally behind a UTF-8 BOM. */
    private static Writer open(Target target, String source, String name, Charset charset, boolean bom)
            throws IOException {
        OutputStream bytes = new BufferedOutputStream(target.open(source, name), BUFFER);
        Writer out = new BufferedWriter(new OutputStreamWriter(bytes, charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), BUFFER);
        if (bom) {
            out.write('\uFEFF');
        }
        return out;
    }
}
