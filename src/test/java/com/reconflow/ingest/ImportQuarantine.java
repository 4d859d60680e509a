package com.reconflow.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.reconflow.support.Api;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Bad input is quarantined with a reason naming what is wrong, and nothing of it is stored. */
interface ImportQuarantine {

    String HEADER = "订单号,下单时间,支付时间,订单金额,支付方式,支付流水号,订单状态,退款金额,门店,商品类目,SKU,数量\n";

    TestRestTemplate rest();

    Path inbox();

    JdbcClient jdbc();

    @Test
    default void aMalformedInboxFileLandsInErrorWithItsReasonAndStoresNothing() throws Exception {
        long recordsBefore = count("SELECT COUNT(*) FROM recon_record");
        Path folder = Files.createDirectories(inbox().resolve("douyin"));
        String noAmountColumn = "订单号,下单时间,支付时间,支付方式,支付流水号,订单状态,退款金额,门店,商品类目,SKU,数量\n"
                + "D-1,2026-11-19 10:00:00,2026-11-19 10:00:05,alipay,2026111922000000000000000001,PAID,0.00,douyin,美妆,MZ0001,1\n";
        Files.writeString(folder.resolve("douyin_no_amount.csv"), noAmountColumn);

        Path rejected = folder.resolve(".error").resolve("douyin_no_amount.csv");
        Path reason = folder.resolve(".error").resolve("douyin_no_amount.csv.reason.txt");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(rejected) && Files.exists(reason));
        assertThat(Files.readString(reason)).contains("douyin_no_amount.csv").contains("订单金额");
        assertThat(folder.resolve("douyin_no_amount.csv")).doesNotExist();
        assertThat(count("SELECT COUNT(*) FROM recon_import WHERE file_name = 'douyin_no_amount.csv'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM recon_record")).isEqualTo(recordsBefore);
    }

    @Test
    default void aFileInAFolderThatIsNoSourceIsRejected() throws Exception {
        Path folder = Files.createDirectories(inbox().resolve("ebay"));
        Files.writeString(folder.resolve("orders.csv"), HEADER
                + "E-1,2026-11-19 10:00:00,2026-11-19 10:00:05,88.00,alipay,2026111922000000000000000009,PAID,0.00,x,美妆,MZ0001,1\n");
        Path reason = folder.resolve(".error").resolve("orders.csv.reason.txt");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(reason));
        assertThat(Files.readString(reason)).contains("unknown source 'ebay'");
    }

    @Test
    default void theSameFileDroppedTwiceIsDoneOnceAndChangesNothing() throws Exception {
        Path folder = Files.createDirectories(inbox().resolve("miniprogram"));
        String content = HEADER
                + "MPDUP-1,2026-11-17 10:00:00,2026-11-17 10:00:05,66.00,wechatpay,4200000000202611170000000001,PAID,0.00,miniprogram,美妆,MZ0001,1\n";
        Files.writeString(folder.resolve("first.csv"), content);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(folder.resolve(".done").resolve("first.csv")));
        long records = count("SELECT COUNT(*) FROM recon_record");

        Files.writeString(folder.resolve("again.csv"), content);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(folder.resolve(".done").resolve("again.csv")));
        assertThat(count("SELECT COUNT(*) FROM recon_record")).isEqualTo(records);
        assertThat(count("SELECT COUNT(*) FROM recon_import WHERE file_name = 'again.csv'")).isZero();
        assertThat(folder.resolve(".error").resolve("again.csv")).doesNotExist();
    }

    @Test
    default void filesDroppedTogetherAreEachImportedOnceAndOverlapsCountedWhateverTheOrder() throws Exception {
        Path staging = Files.createTempDirectory("staging");
        String a = "PAR-1,2026-11-12 10:00:00,2026-11-12 10:00:05,10.00,cash,,PAID,0.00,jd,美妆,MZ0001,1\n"
                + "PAR-2,2026-11-12 10:01:00,2026-11-12 10:01:05,11.00,cash,,PAID,0.00,jd,美妆,MZ0001,1\n"
                + "PAR-3,2026-11-12 10:02:00,2026-11-12 10:02:05,12.00,cash,,PAID,0.00,jd,美妆,MZ0001,1\n";
        String b = "PAR-3,2026-11-12 10:02:00,2026-11-12 10:02:05,12.00,cash,,PAID,0.00,jd,美妆,MZ0001,1\n"
                + "PAR-4,2026-11-12 10:03:00,2026-11-12 10:03:05,13.00,cash,,PAID,0.00,jd,美妆,MZ0001,1\n";
        String c = "PAR-5,2026-11-12 10:04:00,2026-11-12 10:04:05,14.00,cash,,PAID,0.00,douyin,美妆,MZ0001,1\n";
        Map<String, String> files = Map.of("jd/par_a.csv", HEADER + a, "jd/par_b.csv", HEADER + b,
                "douyin/par_c.csv", HEADER + c, "douyin/par_broken.csv", "订单号,下单时间\nPAR-6,2026-11-12 10:05:00\n");
        for (var file : files.entrySet()) {
            Files.writeString(Files.createDirectories(staging.resolve(file.getKey()).getParent())
                    .resolve(Path.of(file.getKey()).getFileName()), file.getValue());
        }
        for (String file : files.keySet()) {
            Path target = Files.createDirectories(inbox().resolve(file).getParent()).resolve(Path.of(file).getFileName());
            Files.move(staging.resolve(file), target);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> files.keySet().stream().allMatch(file -> {
            Path p = inbox().resolve(file);
            return Files.exists(p.resolveSibling(".done").resolve(p.getFileName()))
                    || Files.exists(p.resolveSibling(".error").resolve(p.getFileName() + ".reason.txt"));
        }));
        assertThat(inbox().resolve("douyin/.error/par_broken.csv")).exists();
        assertThat(inbox().resolve("jd/.done/par_a.csv")).exists();
        assertThat(inbox().resolve("jd/.done/par_b.csv")).exists();
        assertThat(inbox().resolve("douyin/.done/par_c.csv")).exists();
        assertThat(count("SELECT COUNT(*) FROM recon_record WHERE order_no LIKE 'PAR-%'")).isEqualTo(5);
        assertThat(count("SELECT SUM(rows_accepted) FROM recon_import WHERE file_name IN ('par_a.csv', 'par_b.csv')"))
                .isEqualTo(4);
        assertThat(count("SELECT SUM(rows_duplicate) FROM recon_import WHERE file_name IN ('par_a.csv', 'par_b.csv')"))
                .isEqualTo(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    default void anOverlappingDownloadImportsOnlyWhatIsNewAndSaysSo() {
        Api finance = Api.as(rest(), "finance");
        String monday = "OV-1,2026-11-16 10:00:00,2026-11-16 10:00:05,10.00,alipay,2026111622000000000000000001,PAID,0.00,jd,美妆,MZ0001,1\n"
                + "OV-2,2026-11-16 11:00:00,2026-11-16 11:00:05,20.00,alipay,2026111622000000000000000002,PAID,0.00,jd,美妆,MZ0001,1\n";
        String mondayAndMore = monday
                + "OV-3,2026-11-16 12:00:00,2026-11-16 12:00:05,30.00,alipay,2026111622000000000000000003,PAID,0.00,jd,美妆,MZ0001,1\n";
        assertThat(finance.postMultipart("/api/imports", Api.importParts("jd", "jd_1.csv", HEADER + monday), Map.class)
                .getBody()).containsEntry("rowsAccepted", 2);

        Map<String, Object> second = finance.postMultipart("/api/imports",
                Api.importParts("jd", "jd_2.csv", HEADER + mondayAndMore), Map.class).getBody();
        assertThat(second).containsEntry("rowsAccepted", 1).containsEntry("rowsDuplicate", 2)
                .containsEntry("rowsRejected", 0);
        assertThat(count("SELECT COUNT(*) FROM recon_record WHERE order_no LIKE 'OV-%'")).isEqualTo(3);
    }

    @Test
    default void aRecordRepeatedWithinOneFileIsQuarantinedNamingTheFirstLine() {
        String line = "RP-1,2026-11-15 10:00:00,2026-11-15 10:00:05,10.00,alipay,2026111522000000000000000001,PAID,0.00,jd,美妆,MZ0001,1\n";
        @SuppressWarnings("unchecked")
        Map<String, Object> result = Api.as(rest(), "finance").postMultipart("/api/imports",
                Api.importParts("jd", "jd_repeat.csv", HEADER + line + line), Map.class).getBody();

        assertThat(result).containsEntry("rowsAccepted", 1).containsEntry("rowsRejected", 1);
        assertThat(result.get("errors").toString()).contains("line=3").contains("as line 2");
    }

    @Test
    @SuppressWarnings("unchecked")
    default void repeatsAndOverlapsFarApartInABigFileAreFoundAsInASmallOne() {
        Api finance = Api.as(rest(), "finance");
        StringBuilder first = new StringBuilder(HEADER);
        for (int i = 1; i <= 1500; i++) {
            first.append(bigFileOrder(i));
        }
        first.append(bigFileOrder(7)); // line 1502 repeats line 8, more than a batch of rows later
        Map<String, Object> result = finance.postMultipart("/api/imports",
                Api.importParts("pos", "pos_big_1.csv", first.toString()), Map.class).getBody();
        assertThat(result).containsEntry("rowsAccepted", 1500).containsEntry("rowsRejected", 1)
                .containsEntry("rowsDuplicate", 0);
        assertThat(result.get("errors").toString()).contains("line=1502").contains("as line 8");

        // a later download overlapping the first from its 1201st order on
        StringBuilder overlapping = new StringBuilder(HEADER);
        for (int i = 1201; i <= 3000; i++) {
            overlapping.append(bigFileOrder(i));
        }
        Map<String, Object> second = finance.postMultipart("/api/imports",
                Api.importParts("pos", "pos_big_2.csv", overlapping.toString()), Map.class).getBody();
        assertThat(second).containsEntry("rowsAccepted", 1500).containsEntry("rowsDuplicate", 300)
                .containsEntry("rowsRejected", 0);
        assertThat(count("SELECT COUNT(*) FROM recon_record WHERE order_no LIKE 'BIG-%'")).isEqualTo(3000);
    }

    private static String bigFileOrder(int i) {
        return String.format("BIG-%05d,2026-11-14 10:00:00,2026-11-14 10:00:05,10.00,cash,,PAID,0.00,pos,美妆,MZ0001,1%n", i);
    }

    @Test
    @SuppressWarnings("unchecked")
    default void theRefundedAmountAndTheMemoMatchingReadsAreStoredInColumns() {
        Api finance = Api.as(rest(), "finance");
        String orders = HEADER
                + "COL-1,2026-11-13 10:00:00,2026-11-13 10:00:05,30.00,wechatpay,4200000000202611130000000001,"
                + "PARTIALLY_REFUNDED,12.50,jd,美妆,MZ0001,1\n"
                + "COL-2,2026-11-13 11:00:00,2026-11-13 11:00:05,20.00,wechatpay,4200000000202611130000000002,PAID,,jd,美妆,MZ0001,1\n";
        assertThat(finance.postMultipart("/api/imports", Api.importParts("jd", "jd_columns.csv", orders), Map.class).getBody())
                .containsEntry("rowsAccepted", 2);
        String bill = "\uFEFF交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,"
                + "应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,"
                + "订单金额,申请退款金额,费率备注\r\n"
                + "`2026-11-13 12:00:00,`wx1,`163,`0,`,`4200000000202611130000000003,`MCOL-3,`o5X,`APP,`SUCCESS,`CFT,`CNY,"
                + "`50.00,`0.00,`0,`0,`0.00,`0.00,`,`,`戒指,`COL-3|COL-4,`0.30000,`0.60%,`50.00,`0.00,`\r\n"
                + "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r\n"
                + "`1,`50.00,`0.00,`0.00,`0.30,`50.00,`0.00\r\n";
        assertThat(finance.postMultipart("/api/imports", Api.importParts("wechatpay", "wechat_columns.csv", bill), Map.class)
                .getBody()).containsEntry("rowsAccepted", 1);

        assertThat(jdbc().sql("SELECT order_no, refunded_amount, memo FROM recon_record WHERE order_no IN "
                        + "('COL-1', 'COL-2', 'MCOL-3') ORDER BY order_no")
                .query((rs, n) -> rs.getString(1) + " " + rs.getBigDecimal(2) + " " + rs.getString(3)).list())
                .containsExactly("COL-1 12.50 null", "COL-2 null null", "MCOL-3 null COL-3|COL-4");

        // The other values stay in the raw line, which the file's header stored with the import reads.
        assertThat(jdbc().sql("SELECT i.column_headers, r.attributes FROM recon_record r "
                        + "JOIN recon_import i ON i.id = r.import_id WHERE r.order_no IN ('COL-1', 'MCOL-3') ORDER BY r.order_no")
                .query((rs, n) -> rs.getString(1) + " | " + rs.getString(2)).list())
                .containsExactly("line 1: " + HEADER.strip() + " | null",
                        "line 1: 交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,"
                                + "货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,"
                                + "商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注 | null");
        Map<?, ?> trace = finance.get("/api/records?orderNo=COL-1", Map.class).getBody();
        assertThat((List<Map<String, Object>>) trace.get("records")).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("fileColumns", "line 1: " + HEADER.strip())
                        .containsEntry("rawLine", orders.lines().skip(1).findFirst().orElseThrow()));
    }

    @Test
    @SuppressWarnings("unchecked")
    default void anOrderLineKeepsItsSkuAndQuantityAndABadQuantityIsQuarantined() {
        String orders = HEADER
                + "ART-1,2026-11-14 10:00:00,2026-11-14 10:00:05,30.00,cash,,PAID,,store-1,美妆,MZ0007,3\n"
                + "ART-2,2026-11-14 10:01:00,2026-11-14 10:01:05,20.00,cash,,PAID,,store-1,美妆,,\n"
                + "ART-3,2026-11-14 10:02:00,2026-11-14 10:02:05,20.00,cash,,PAID,,store-1,美妆,MZ0007,1.5\n"
                + "ART-4,2026-11-14 10:03:00,2026-11-14 10:03:05,20.00,cash,,PAID,,store-1,美妆,MZ0007,0\n";
        Map<String, Object> result = Api.as(rest(), "finance")
                .postMultipart("/api/imports", Api.importParts("pos", "pos_articles.csv", orders), Map.class).getBody();

        assertThat(result).containsEntry("rowsAccepted", 2).containsEntry("rowsRejected", 2);
        assertThat((List<Map<String, Object>>) result.get("errors"))
                .extracting(e -> e.get("line") + " " + e.get("field") + " " + e.get("message"))
                .containsExactly("4 数量 数量 '1.5' is not a whole number",
                        "5 数量 数量 '0' is not a positive whole number");
        assertThat(jdbc().sql("SELECT order_no, sku, quantity FROM recon_record WHERE order_no IN ('ART-1', 'ART-2') "
                        + "ORDER BY order_no")
                .query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getObject(3)).list())
                .containsExactly("ART-1 MZ0007 3", "ART-2 null null");
    }

    @Test
    @SuppressWarnings("unchecked")
    default void anUploadQuarantinesBadRowsRefusesDuplicatesAndRejectsBrokenFiles() {
        Api finance = Api.as(rest(), "finance");
        String content = HEADER
                + "U-100,2026-11-18 10:00:00,2026-11-18 10:00:05,88.00,alipay,2026111822000000000000000100,PAID,0.00,jd,美妆,MZ0001,1\n"
                + "U-101,2026-11-18 11:00:00,2026-11-18 11:00:05,12,34x,alipay,2026111822000000000000000101,PAID,0.00,jd,美妆,MZ0001,1\n"
                + "U-102,2026-11-18 12:00:00,2026-11-18 12:00:05,19.90,wechatpay,4200000000202611180000000102,PAID,0.00,jd,美妆,MZ0001,1\n";

        ResponseEntity<Map> created = finance.postMultipart("/api/imports", Api.importParts("jd", "jd_upload.csv", content), Map.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        Map<String, Object> body = created.getBody();
        assertThat(body).containsEntry("source", "jd").containsEntry("format", "channel-orders")
                .containsEntry("rowsAccepted", 2).containsEntry("rowsRejected", 1);
        List<Map<String, Object>> errors = (List<Map<String, Object>>) body.get("errors");
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.get("line")).isEqualTo(3));
        Number id = (Number) body.get("id");
        assertThat(count("SELECT COUNT(*) FROM recon_record WHERE import_id = " + id)).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM recon_record WHERE import_id = " + id + " AND line_no = 4")).isEqualTo(1);

        Map<String, Object> fetched = finance.getJson("/api/imports/" + id);
        assertThat((List<Map<String, Object>>) fetched.get("errors")).singleElement()
                .satisfies(e -> assertThat((String) e.get("rawLine")).startsWith("U-101"));

        String corrected = content.replace("12,34x", "12.34");
        var correction = Api.importParts("jd", "jd_upload_corrected.csv", corrected);
        correction.add("corrects", id.toString());
        Map<String, Object> fixed = finance.postMultipart("/api/imports", correction, Map.class).getBody();
        assertThat(fixed).containsEntry("rowsAccepted", 1).containsEntry("rowsDuplicate", 2)
                .containsEntry("rowsRejected", 0).containsEntry("correctsImportId", id.intValue());
        assertThat((List<Object>) finance.getJson("/api/imports/" + id).get("correctedBy"))
                .containsExactly(fixed.get("id"));
        assertThat(count("SELECT COUNT(*) FROM recon_record WHERE order_no = 'U-101'")).isEqualTo(1);

        ResponseEntity<Map> again = finance.postMultipart("/api/imports", Api.importParts("jd", "renamed.csv", content), Map.class);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(((Number) again.getBody().get("id")).longValue()).isEqualTo(id.longValue());
        assertThat(count("SELECT COUNT(*) FROM recon_import WHERE file_name = 'renamed.csv'")).isZero();

        ResponseEntity<Map> broken = finance.postMultipart("/api/imports",
                Api.importParts("jd", "empty.csv", ""), Map.class);
        assertThat(broken.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat((String) broken.getBody().get("message")).contains("empty.csv").contains("empty");
        assertThat(count("SELECT COUNT(*) FROM recon_import WHERE file_name = 'empty.csv'")).isZero();

        assertThat(Api.as(rest(), "auditor").postMultipart("/api/imports", Api.importParts("jd", "a.csv", content), Map.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    private long count(String sql) {
        return jdbc().sql(sql).query(Long.class).single();
    }
}
