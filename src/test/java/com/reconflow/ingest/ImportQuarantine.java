package com.reconflow.ingest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.reconflow.support.Api;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

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
    @SuppressWarnings("unchecked")
    default void anOverlappingDownloadImportsOnlyWhatIsNewAndSaysSo() {
        Api finance = Api.as(rest(), "finance");
        String monday = "OV-1,2026-11-16 10:00:00,2026-11-16 10:00:05,10.00,alipay,2026111622000000000000000001,PAID,0.00,jd,美妆,MZ0001,1\n"
                + "OV-2,2026-11-16 11:00:00,2026-11-16 11:00:05,20.00,alipay,2026111622000000000000000002,PAID,0.00,jd,美妆,MZ0001,1\n";
        String mondayAndMore = monday
                + "OV-3,2026-11-16 12:00:00,2026-11-16 12:00:05,30.00,alipay,2026111622000000000000000003,PAID,0.00,jd,美妆,MZ0001,1\n";
        assertThat(finance.postMultipart("/api/imports", upload("jd", "jd_1.csv", HEADER + monday), Map.class)
                .getBody()).containsEntry("rowsAccepted", 2);

        Map<String, Object> second = finance.postMultipart("/api/imports",
                upload("jd", "jd_2.csv", HEADER + mondayAndMore), Map.class).getBody();
        assertThat(second).containsEntry("rowsAccepted", 1).containsEntry("rowsDuplicate", 2)
                .containsEntry("rowsRejected", 0);
        assertThat(count("SELECT COUNT(*) FROM recon_record WHERE order_no LIKE 'OV-%'")).isEqualTo(3);
    }

    @Test
    default void aRecordRepeatedWithinOneFileIsQuarantinedNamingTheFirstLine() {
        String line = "RP-1,2026-11-15 10:00:00,2026-11-15 10:00:05,10.00,alipay,2026111522000000000000000001,PAID,0.00,jd,美妆,MZ0001,1\n";
        @SuppressWarnings("unchecked")
        Map<String, Object> result = Api.as(rest(), "finance").postMultipart("/api/imports",
                upload("jd", "jd_repeat.csv", HEADER + line + line), Map.class).getBody();

        assertThat(result).containsEntry("rowsAccepted", 1).containsEntry("rowsRejected", 1);
        assertThat(result.get("errors").toString()).contains("line=3").contains("as line 2");
    }

    @Test
    @SuppressWarnings("unchecked")
    default void anUploadQuarantinesBadRowsRefusesDuplicatesAndRejectsBrokenFiles() {
        Api finance = Api.as(rest(), "finance");
        String content = HEADER
                + "U-100,2026-11-18 10:00:00,2026-11-18 10:00:05,88.00,alipay,2026111822000000000000000100,PAID,0.00,jd,美妆,MZ0001,1\n"
                + "U-101,2026-11-18 11:00:00,2026-11-18 11:00:05,12,34x,alipay,2026111822000000000000000101,PAID,0.00,jd,美妆,MZ0001,1\n"
                + "U-102,2026-11-18 12:00:00,2026-11-18 12:00:05,19.90,wechatpay,4200000000202611180000000102,PAID,0.00,jd,美妆,MZ0001,1\n";

        ResponseEntity<Map> created = finance.postMultipart("/api/imports", upload("jd", "jd_upload.csv", content), Map.class);
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
        var correction = upload("jd", "jd_upload_corrected.csv", corrected);
        correction.add("corrects", id.toString());
        Map<String, Object> fixed = finance.postMultipart("/api/imports", correction, Map.class).getBody();
        assertThat(fixed).containsEntry("rowsAccepted", 1).containsEntry("rowsDuplicate", 2)
                .containsEntry("rowsRejected", 0).containsEntry("correctsImportId", id.intValue());
        assertThat((List<Object>) finance.getJson("/api/imports/" + id).get("correctedBy"))
                .containsExactly(fixed.get("id"));
        assertThat(count("SELECT COUNT(*) FROM recon_record WHERE order_no = 'U-101'")).isEqualTo(1);

        ResponseEntity<Map> again = finance.postMultipart("/api/imports", upload("jd", "renamed.csv", content), Map.class);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(((Number) again.getBody().get("id")).longValue()).isEqualTo(id.longValue());
        assertThat(count("SELECT COUNT(*) FROM recon_import WHERE file_name = 'renamed.csv'")).isZero();

        ResponseEntity<Map> broken = finance.postMultipart("/api/imports",
                upload("jd", "empty.csv", ""), Map.class);
        assertThat(broken.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat((String) broken.getBody().get("message")).contains("empty.csv").contains("empty");
        assertThat(count("SELECT COUNT(*) FROM recon_import WHERE file_name = 'empty.csv'")).isZero();

        assertThat(Api.as(rest(), "auditor").postMultipart("/api/imports", upload("jd", "a.csv", content), Map.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    private long count(String sql) {
        return jdbc().sql(sql).query(Long.class).single();
    }

    private static LinkedMultiValueMap<String, Object> upload(String source, String name, String content) {
        var parts = new LinkedMultiValueMap<String, Object>();
        parts.add("source", source);
        parts.add("file", new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return name;
            }
        });
        return parts;
    }
}
