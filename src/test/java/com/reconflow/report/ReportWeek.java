package com.reconflow.report;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.reconflow.support.Api;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two hand-written days of a small retailer, uploaded through {@code POST /api/imports} and reconciled by
 * their runs, whose every figure is written down here, not computed by the code under test.
 *
 * <p>Tuesday 2028-01-11 (sources douyin, wechatpay): Douyin order A1 100.00 paid 10:00:10 by WeChat Pay (fee
 * 0.60), 30.00 of it refunded at 14:00 (fee 0.18 returned). The bank statement of 2028-01-12 credits
 * WECHATPAY-SETTLE-20280111 with 100 − 0.60 − 30 + 0.18 = 69.58: that day is settled.
 *
 * <p>Wednesday 2028-01-12 (douyin, pos, wechatpay, card), no bank credit yet:
 * <ul>
 *   <li>B1 douyin 50.00 WeChat Pay paid 23:10:10 (fee 0.30), 20.00 refunded 23:40 (fee 0.12 returned);</li>
 *   <li>B2 douyin 80.00 WeChat Pay paid 02:30:10, no payment in the bill: MISSING_PAYMENT 80.00;</li>
 *   <li>B3 douyin 30.00 WeChat Pay, CANCELLED, never paid;</li>
 *   <li>P1 pos S001 200.00 card 09:00:20, acquirer 200.00 (fee 1.00);</li>
 *   <li>P2 pos S001 100.00 card 11:00:20, acquirer 90.00 (fee 0.45): AMOUNT_MISMATCH 10.00;</li>
 *   <li>P3 pos S002 60.00 WeChat Pay 22:30:10 (fee 0.36);</li>
 *   <li>P4 pos S002 40.00 cash 15:00:00.</li>
 * </ul>
 */
final class ReportWeek {

    static final Duration PATIENCE = Duration.ofSeconds(90);
    static final String ORDERS = "订单号,下单时间,支付时间,订单金额,支付方式,支付流水号,订单状态,退款金额,门店,商品类目,SKU,数量\n";
    static final String CARD = "商户号,终端号,交易时间,交易类型,批次号,凭证号,参考号,卡号,交易金额,手续费,订单号,结算金额\n";
    static final String WECHAT = "\uFEFF交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,"
            + "付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,"
            + "商户数据包,手续费,费率,订单金额,申请退款金额,费率备注\r\n";

    private final Api finance;

    ReportWeek(Api finance) {
        this.finance = finance;
    }

    /** Both days imported and matched; Tuesday archived (nothing to review), Wednesday in review. */
    void reconcile() {
        upload("douyin", "douyin_20280111.csv", ORDERS
                + "A1,2028-01-11 10:00:00,2028-01-11 10:00:10,100.00,wechatpay,WXA1,PARTIALLY_REFUNDED,30.00,douyin,美妆,MZ1,1\n");
        upload("wechatpay", "wechat_20280111.csv", WECHAT
                + payment("2028-01-11 10:00:10", "WXA1", "A1", "100.00", "0.60000")
                + refund("2028-01-11 14:00:00", "WXA1", "A1", "RA1", "30.00", "-0.18000")
                + summary(2, "100.00", "30.00", "0.42"));
        upload("bank", "statement_20280112.sta", """
                {1:F01HEMUCNSHAXXX0000000000}{2:O9401830280112PCBCCNBJAXXX00000000002801121830N}{4:
                :20:CCB2801120001
                :25:PCBCCNBJSHX/31050161393600001234
                :28C:7/1
                :60F:C280111CNY1000,00
                :61:2801120112C69,58NTRFNONREF//CCB2801120000001
                :86:/EREF/WECHATPAY-SETTLE-20280111
                /PY/CAIFUTONG ZHIFU KEJI YOUXIAN GONGSI
                :62F:C280112CNY1069,58
                -}{5:{CHK:3A9F1C2B7D4E}}
                """);
        long tuesday = startRun("2028-01-11", List.of("douyin", "wechatpay"));
        await().atMost(PATIENCE).until(() -> "ARCHIVED".equals(finance.getJson("/api/runs/" + tuesday).get("status")));

        upload("douyin", "douyin_20280112.csv", ORDERS
                + "B1,2028-01-12 23:10:00,2028-01-12 23:10:10,50.00,wechatpay,WXB1,PARTIALLY_REFUNDED,20.00,douyin,服装,FZ1,2\n"
                + "B2,2028-01-12 02:30:00,2028-01-12 02:30:10,80.00,wechatpay,WXB2,PAID,0.00,douyin,美妆,MZ2,1\n"
                + "B3,2028-01-12 12:00:00,,30.00,wechatpay,,CANCELLED,0.00,douyin,美妆,MZ3,1\n");
        upload("pos", "pos_20280112.csv", ORDERS
                + "P1,2028-01-12 09:00:00,2028-01-12 09:00:20,200.00,card,PREF1,PAID,0.00,S001,饰品,SS1,1\n"
                + "P2,2028-01-12 11:00:00,2028-01-12 11:00:20,100.00,card,PREF2,PAID,0.00,S001,饰品,SS2,1\n"
                + "P3,2028-01-12 22:30:00,2028-01-12 22:30:10,60.00,wechatpay,WXP3,PAID,0.00,S002,家居,JJ1,3\n"
                + "P4,2028-01-12 15:00:00,2028-01-12 15:00:00,40.00,cash,,PAID,0.00,S002,家居,JJ2,1\n");
        upload("wechatpay", "wechat_20280112.csv", WECHAT
                + payment("2028-01-12 23:10:10", "WXB1", "B1", "50.00", "0.30000")
                + refund("2028-01-12 23:40:00", "WXB1", "B1", "RB1", "20.00", "-0.12000")
                + payment("2028-01-12 22:30:10", "WXP3", "P3", "60.00", "0.36000")
                + summary(3, "110.00", "20.00", "0.54"));
        upload("card", "unionpay_20280112.csv", CARD
                + "898310056510001,00010001,2028-01-12 09:00:25,消费,000501,000001,PREF1,621700******0001,200.00,1.00,P1,199.00\n"
                + "898310056510001,00010001,2028-01-12 11:00:25,消费,000501,000002,PREF2,621700******0002,90.00,0.45,P2,89.55\n");
        long wednesday = startRun("2028-01-12", List.of("douyin", "pos", "wechatpay", "card"));
        await().atMost(PATIENCE).until(() -> "IN_REVIEW".equals(finance.getJson("/api/runs/" + wednesday).get("status")));
    }

    private static String payment(String at, String txn, String orderNo, String amount, String fee) {
        return "`" + at + ",`wx1,`1630728691,`0,`,`" + txn + ",`" + orderNo + ",`o5X,`APP,`SUCCESS,`CFT,`CNY,`" + amount
                + ",`0.00,`0,`0,`0.00,`0.00,`,`,`商品,`,`" + fee + ",`0.60%,`" + amount + ",`0.00,`\r\n";
    }

    private static String refund(String at, String txn, String orderNo, String refundNo, String amount, String fee) {
        return "`" + at + ",`wx1,`1630728691,`0,`,`" + txn + ",`" + orderNo + ",`o5X,`APP,`REFUND,`CFT,`CNY,`0.00,`0.00,`5030"
                + refundNo + ",`" + refundNo + ",`" + amount + ",`0.00,`ORIGINAL,`SUCCESS,`商品,`,`" + fee + ",`0.60%,`0.00,`"
                + amount + ",`\r\n";
    }

    private static String summary(int rows, String settled, String refunded, String fees) {
        return "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r\n"
                + "`" + rows + ",`" + settled + ",`" + refunded + ",`0.00,`" + fees + ",`" + settled + ",`" + refunded + "\r\n";
    }

    private long startRun(String day, List<String> sources) {
        ResponseEntity<Map> started = finance.post("/api/runs", Map.of("businessDate", day, "sources", sources), Map.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        return ((Number) started.getBody().get("id")).longValue();
    }

    private void upload(String source, String name, String content) {
        ResponseEntity<Map> response = finance.importFile(source, name, content);
        assertThat(response.getStatusCode()).as(name + ": " + response.getBody()).isEqualTo(HttpStatus.CREATED);
    }
}
