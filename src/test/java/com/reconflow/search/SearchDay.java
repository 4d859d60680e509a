package com.reconflow.search;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.reconflow.support.Api;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A small hand-written day, 2028-06-12, imported through {@code POST /api/imports} and matched by its run:
 * six JD orders, the WeChat Pay bill of five of them (four payments and a refund) and the bank's credit
 * of that bill's settlement the next day. The expected rows of the tests are read off these lines.
 *
 * <pre>
 * time (+08:00)  record                                   file line  store        method     category
 * 03:15:30       SRC-3 order  45.00                       jd 4       jd-outlet    wechatpay  美妆
 * 03:15:32       SRC-3 payment 45.00                      wx 2
 * 05:00:00       SRC-5 order  10.00                       jd 6       jd-flagship  wechatpay  美妆
 * 05:00:02       SRC-5 payment 10.00                      wx 3
 * 06:00:00       SRC-6 order  66.00 (no payment)          jd 7       jd-flagship  wechatpay  服饰
 * 10:00:00       SRC-1 order 120.00                       jd 2       jd-flagship  wechatpay  美妆
 * 10:00:02       SRC-1 payment 120.00                     wx 4
 * 14:00:05       SRC-4 order 300.00 (cash)                jd 5       jd-outlet    cash       家居
 * 22:30:10       SRC-2 order  88.50 (20.00 refunded)      jd 3       jd-flagship  wechatpay  服饰
 * 22:30:12       SRC-2 payment 88.50                      wx 5
 * 23:10:00       SRC-2 refund 20.00, RF-SRC-2             wx 6
 * 06-13          WECHATPAY-SETTLE-20280612 242.04          bank, business date 2028-06-13
 * </pre>
 */
final class SearchDay {

    static final String DATE = "2028-06-12";
    static final String JD_FILE = "jd_orders_20280612.csv";
    static final String WECHAT_FILE = "wechat_20280612.csv";
    static final String BANK_FILE = "mt940_20280613.sta";
    static final String TXN_1 = "4200000000202806120000000001";
    static final String TXN_2 = "4200000000202806120000000002";

    static final String JD = "订单号,下单时间,支付时间,订单金额,支付方式,支付流水号,订单状态,退款金额,门店,商品类目,SKU,数量\n"
            + "SRC-1,2028-06-12 09:59:00,2028-06-12 10:00:00,120.00,wechatpay," + TXN_1 + ",PAID,0.00,jd-flagship,美妆,MZ0001,2\n"
            + "SRC-2,2028-06-12 22:30:00,2028-06-12 22:30:10,88.50,wechatpay," + TXN_2
            + ",PARTIALLY_REFUNDED,20.00,jd-flagship,服饰,FS0002,1\n"
            + "SRC-3,2028-06-12 03:15:00,2028-06-12 03:15:30,45.00,wechatpay,4200000000202806120000000003,PAID,0.00,jd-outlet,美妆,MZ0001,1\n"
            + "SRC-4,2028-06-12 14:00:00,2028-06-12 14:00:05,300.00,cash,,PAID,0.00,jd-outlet,家居,JJ0004,3\n"
            + "SRC-5,2028-06-12 04:59:00,2028-06-12 05:00:00,10.00,wechatpay,4200000000202806120000000005,PAID,0.00,jd-flagship,美妆,MZ0001,1\n"
            + "SRC-6,2028-06-12 05:59:00,2028-06-12 06:00:00,66.00,wechatpay,4200000000202806120000000006,PAID,0.00,jd-flagship,服饰,FS0002,1\n";

    static final String WECHAT = "\uFEFF交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,"
            + "应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,"
            + "订单金额,申请退款金额,费率备注\r\n"
            + payment("2028-06-12 03:15:32", "4200000000202806120000000003", "SRC-3", "45.00", "0.27000")
            + payment("2028-06-12 05:00:02", "4200000000202806120000000005", "SRC-5", "10.00", "0.06000")
            + payment("2028-06-12 10:00:02", TXN_1, "SRC-1", "120.00", "0.72000")
            + payment("2028-06-12 22:30:12", TXN_2, "SRC-2", "88.50", "0.53000")
            + "`2028-06-12 23:10:00,`wx1,`163,`0,`,`" + TXN_2 + ",`SRC-2,`o5X,`APP,`REFUND,`CFT,`CNY,"
            + "`0.00,`0.00,`50000000202806120000000002,`RF-SRC-2,`20.00,`0.00,`ORIGINAL,`SUCCESS,`浴巾,`,`-0.12000,`0.60%,"
            + "`0.00,`20.00,`\r\n"
            + "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r\n"
            + "`5,`263.50,`20.00,`0.00,`1.46,`263.50,`20.00\r\n";

    /** 263.50 paid − 20.00 refunded − 1.58 fees charged + 0.12 fees returned. */
    static final String BANK = "{1:F01HEMUCNSHAXXX0000000000}{2:O9401830280613PCBCCNBJAXXX00000000002806131830N}{4:\n"
            + ":20:CCB2806130001\n"
            + ":25:PCBCCNBJSHX/31050161393600001234\n"
            + ":28C:1/1\n"
            + ":60F:C280612CNY0,00\n"
            + ":61:2806130613C242,04NTRFNONREF//CCB2806130000001\n"
            + ":86:/EREF/WECHATPAY-SETTLE-20280612\n"
            + ":62F:C280613CNY242,04\n"
            + "-}\n";

    private static String payment(String time, String txnId, String orderNo, String amount, String fee) {
        return "`" + time + ",`wx1,`163,`0,`,`" + txnId + ",`" + orderNo + ",`o5X,`APP,`SUCCESS,`CFT,`CNY,`" + amount
                + ",`0.00,`0,`0,`0.00,`0.00,`,`,`商品,`,`" + fee + ",`0.60%,`" + amount + ",`0.00,`\r\n";
    }

    private SearchDay() {
    }

    /** Imports the day's files (a second time they are the same bytes: 409) and waits for its run's matching. */
    @SuppressWarnings("unchecked")
    static void ensure(TestRestTemplate rest) {
        Api finance = Api.as(rest, "finance");
        for (String[] file : List.of(new String[] {"jd", JD_FILE, JD}, new String[] {"wechatpay", WECHAT_FILE, WECHAT},
                new String[] {"bank", BANK_FILE, BANK})) {
            var answer = finance.importFile(file[0], file[1], file[2]);
            assertThat(answer.getStatusCode()).isIn(HttpStatus.CREATED, HttpStatus.CONFLICT);
            if (answer.getStatusCode() == HttpStatus.CREATED) {
                assertThat(answer.getBody()).containsEntry("rowsRejected", 0);
            }
        }
        Map<String, Object> run = finance.post("/api/runs", Map.of("businessDate", DATE, "sources",
                List.of("jd", "wechatpay")), Map.class).getBody();
        String path = "/api/runs/" + run.get("id");
        await().atMost(Duration.ofSeconds(90)).until(() -> "IN_REVIEW".equals(finance.getJson(path).get("status")));
    }
}
