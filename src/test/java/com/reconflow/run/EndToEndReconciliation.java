package com.reconflow.run;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.reconflow.demo.DemoDay;
import com.reconflow.demo.SyntheticDayGenerator;
import com.reconflow.demo.DemoFile;
import com.reconflow.demo.ExpectedDiscrepancy;
import com.reconflow.support.Api;
import com.reconflow.support.Reviews;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The thin slice end to end, through the same doors people use: files dropped into the inbox, a run
 * started over REST, discrepancy tasks worked over the engine REST API as a finance user with the
 * form's variables, and the archived Excel report downloaded and opened.
 */
interface EndToEndReconciliation {

    Duration PATIENCE = Duration.ofSeconds(60);

    TestRestTemplate rest();

    JdbcClient jdbc();

    Path inbox();

    @Test
    @SuppressWarnings("unchecked")
    default void aDayDroppedInTheInboxIsMatchedReviewedAndArchived() throws Exception {
        LocalDate day = LocalDate.of(2026, 11, 20);
        DemoDay demo = new SyntheticDayGenerator().generate(day, 42L);
        Api finance = Api.as(rest(), "finance");

        List<String> sources = demo.files().stream().map(DemoFile::source).distinct().toList();
        ResponseEntity<Map> started = finance.post("/api/runs", Map.of("businessDate", day.toString(),
                "sources", sources), Map.class);
        assertThat(started.getStatusCode()).as(String.valueOf(started.getBody())).isEqualTo(HttpStatus.ACCEPTED);
        long runId = ((Number) started.getBody().get("id")).longValue();
        assertThat(started.getBody().get("processInstanceId")).isNotNull();
        assertThat(finance.post("/api/runs", Map.of("businessDate", day.toString()), Map.class).getBody().get("id"))
                .as("a second start of the same day returns the same run").isEqualTo(started.getBody().get("id"));

        for (DemoFile file : demo.files()) {
            Path folder = Files.createDirectories(inbox().resolve(file.source()));
            Files.write(folder.resolve(file.fileName()), file.content());
        }
        String runPath = "/api/runs/" + runId;
        await().atMost(PATIENCE).until(() -> "IN_REVIEW".equals(finance.getJson(runPath).get("status")));
        // The inbox moves a file aside once its import has committed, which may be after the run has matched.
        for (DemoFile file : demo.files()) {
            await().atMost(PATIENCE).untilAsserted(() ->
                    assertThat(inbox().resolve(file.source()).resolve(".done").resolve(file.fileName())).exists());
        }

        Map<String, Object> counts = (Map<String, Object>) finance.getJson(runPath).get("counts");
        assertThat(((Number) counts.get("discrepancies")).intValue()).isEqualTo(demo.discrepancies().size());
        assertThat(((Number) counts.get("matched")).longValue()).isPositive();

        List<Map<String, Object>> discrepancies = finance.get(runPath + "/discrepancies", List.class).getBody();
        assertThat(discrepancies).extracting(d -> new ExpectedDiscrepancy((String) d.get("type"),
                        (String) d.get("orderNo"), (String) d.get("txnId")))
                .containsExactlyInAnyOrderElementsOf(demo.discrepancies());

        Reviews reviews = new Reviews(rest());
        await().atMost(PATIENCE).until(() -> reviews.tasks(day).size() == demo.discrepancies().size());
        List<Map<String, Object>> tasks = reviews.tasks(day);
        Set<String> linkedTaskIds = new HashSet<>();
        discrepancies = finance.get(runPath + "/discrepancies", List.class).getBody();
        discrepancies.forEach(d -> linkedTaskIds.add((String) d.get("taskId")));
        assertThat(tasks).allSatisfy(task -> {
            assertThat(task.get("taskDefinitionKey")).isEqualTo("reviewDiscrepancy");
            assertThat(((Map<String, Object>) task.get("camundaFormRef")).get("key")).isEqualTo("discrepancy-review-form");
            assertThat(linkedTaskIds).contains((String) task.get("id"));
            assertThat((String) task.get("name")).startsWith(day + " · ");
            assertThat(task.get("due")).as("due at the routing's SLA").isNotNull();
        });
        String firstTask = tasks.stream().filter(t -> "finance".equals(reviews.deciderOf((String) t.get("id"))))
                .map(t -> (String) t.get("id")).findFirst().orElseThrow();
        Map<String, Object> form = finance.getJson("/engine-rest/task/" + firstTask + "/deployed-form");
        assertThat(form.get("id")).isEqualTo("discrepancy-review-form");
        Map<String, Object> formVariables = finance.getJson("/engine-rest/task/" + firstTask + "/form-variables");
        assertThat(formVariables).containsKeys("orderNo", "expected", "actual", "difference", "discrepancyType",
                "rule", "origin");
        assertThat((String) ((Map<String, Object>) formVariables.get("origin")).get("value")).contains(" line ");

        assertThat(finance.post("/engine-rest/task/" + firstTask + "/claim", Map.of("userId", "finance"), String.class)
                .getStatusCode().is2xxSuccessful()).isTrue();
        ResponseEntity<String> incomplete = complete(finance, firstTask, "WRITE_OFF", " ");
        assertThat(incomplete.getStatusCode().is2xxSuccessful()).as("a write-off without comment is refused").isFalse();
        assertThat(incomplete.getBody()).contains("write-off needs a comment");

        reviews.closeAll(day, "CHASE", "Asked the provider, ticket 42");

        await().atMost(PATIENCE).until(() -> "ARCHIVED".equals(finance.getJson(runPath).get("status")));
        discrepancies = finance.get(runPath + "/discrepancies", List.class).getBody();
        assertThat(discrepancies).allSatisfy(d -> {
            assertThat(d.get("status")).isEqualTo("RESOLVED");
            assertThat(d.get("decision")).isEqualTo("CHASE");
            assertThat(d.get("decidedBy")).isEqualTo("finance-manager".equals(d.get("candidateGroup")) ? "manager"
                    : "finance");
        });
        // Every decision applied once, with the approver where the routing asked for one.
        assertThat(jdbc().sql("SELECT COUNT(*) FROM recon_decision_posting WHERE run_id = ? AND kind = 'CHASE'")
                .param(runId).query(Long.class).single()).isEqualTo(demo.discrepancies().size());
        assertThat(jdbc().sql("""
                SELECT COUNT(*) FROM recon_discrepancy d JOIN recon_decision_posting p ON p.discrepancy_id = d.id
                WHERE d.run_id = ? AND d.second_approval = TRUE
                  AND (p.approved_by IS NULL OR p.approved_by = p.decided_by OR d.approved_by <> p.approved_by)""")
                .param(runId).query(Long.class).single()).as("four eyes on every approved decision").isZero();

        ExpectedDiscrepancy mismatch = demo.discrepancies().stream().filter(d -> d.type().equals("AMOUNT_MISMATCH"))
                .findFirst().orElseThrow();
        Map<String, Object> trace = finance.getJson("/api/records?orderNo=" + mismatch.orderNo());
        List<Map<String, Object>> traced = (List<Map<String, Object>>) trace.get("records");
        assertThat(traced).extracting(r -> r.get("kind")).containsExactlyInAnyOrder("ORDER", "PAYMENT");
        assertThat(traced).allSatisfy(r -> {
            assertThat((String) r.get("fileName")).isNotBlank();
            assertThat(((Number) r.get("lineNo")).intValue()).isGreaterThan(1);
            assertThat((String) r.get("rawLine")).contains(mismatch.orderNo());
            assertThat((List<Map<String, Object>>) r.get("discrepancies")).singleElement().satisfies(d -> {
                assertThat(d.get("type")).isEqualTo("AMOUNT_MISMATCH");
                assertThat(d.get("decision")).isEqualTo("CHASE");
            });
        });
        String jdOrders = new String(demo.files().stream().filter(f -> f.source().equals("jd")).findFirst()
                .orElseThrow().content(), java.nio.charset.StandardCharsets.UTF_8);
        Set<String> planted = new HashSet<>();
        demo.truth().cases().forEach(c -> planted.add(c.orderNo()));
        String cleanOrder = jdOrders.lines().skip(1).filter(line -> line.contains(",PAID,"))
                .map(line -> line.split(",")[0])
                .filter(no -> !planted.contains(no))
                .findFirst().orElseThrow();
        List<Map<String, Object>> clean = (List<Map<String, Object>>) finance
                .getJson("/api/records?orderNo=" + cleanOrder).get("records");
        assertThat(clean).as("a clean order and its payment, matched").hasSize(2).allSatisfy(r -> {
            assertThat((List<Map<String, Object>>) r.get("matches")).singleElement()
                    .satisfies(m -> assertThat(m.get("kind")).isEqualTo("ONE_TO_ONE"));
            assertThat((List<Map<String, Object>>) r.get("discrepancies")).isEmpty();
        });

        ResponseEntity<byte[]> report = finance.get(runPath + "/report.xlsx", byte[].class);
        assertThat(report.getStatusCode()).isEqualTo(HttpStatus.OK);
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(report.getBody()))) {
            DataFormatter cells = new DataFormatter();
            Sheet summary = workbook.getSheet("汇总");
            assertThat(cells.formatCellValue(summary.getRow(1).getCell(0))).isEqualTo("业务日期");
            assertThat(cells.formatCellValue(summary.getRow(1).getCell(1))).isEqualTo(day.toString());
            Sheet sheet = workbook.getSheet("差异明细");
            Map<String, Integer> column = new java.util.HashMap<>();
            sheet.getRow(0).forEach(cell -> column.put(cell.getStringCellValue(), cell.getColumnIndex()));
            assertThat(sheet.getLastRowNum()).isEqualTo(demo.discrepancies().size());
            List<ExpectedDiscrepancy> rows = new ArrayList<>();
            for (int i = 1; i <= sheet.getLastRowNum(); i++) {
                Row row = sheet.getRow(i);
                rows.add(new ExpectedDiscrepancy(cells.formatCellValue(row.getCell(column.get("差异代码"))),
                        blankToNull(cells.formatCellValue(row.getCell(column.get("订单号")))),
                        blankToNull(cells.formatCellValue(row.getCell(column.get("支付流水号"))))));
                assertThat(cells.formatCellValue(row.getCell(column.get("处理决定")))).isEqualTo("CHASE");
                assertThat(cells.formatCellValue(row.getCell(column.get("处理人")))).isIn("finance", "manager");
            }
            assertThat(rows).containsExactlyInAnyOrderElementsOf(demo.discrepancies());
            assertThat(workbook.getSheet("匹配明细").getLastRowNum()).as("the day's matches")
                    .isGreaterThanOrEqualTo(((Number) counts.get("matched")).intValue() / 2);
        }
        ResponseEntity<byte[]> voucher = finance.get(runPath + "/voucher.pdf", byte[].class);
        assertThat(voucher.getStatusCode()).isEqualTo(HttpStatus.OK);
        try (var pdf = org.apache.pdfbox.Loader.loadPDF(voucher.getBody())) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(pdf))
                    .contains("对账归档凭证", "业务日期 " + day, "CHASE 追收 " + demo.discrepancies().size());
        }
        assertThat(finance.getJson("/api/archive/verify")).containsEntry("ok", true);
    }

    private static ResponseEntity<String> complete(Api user, String taskId, String decision, String comment) {
        return user.post("/engine-rest/task/" + taskId + "/complete", Map.of("variables", Map.of(
                "decision", Map.of("value", decision, "type", "String"),
                "comment", Map.of("value", comment, "type", "String"))), String.class);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
