package com.reconflow.audit;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.reconflow.review.ReviewEvents;
import com.reconflow.support.Api;
import com.reconflow.support.H2AppTest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit trail of a small store day: its files imported, its run started and matched, its one
 * discrepancy decided by finance over the engine REST API as the review form does, then asked about by
 * the auditor: by order, by person, by period, by run, as JSON, CSV and Excel. (Days 2023-09-27 and
 * 2023-09-28, orders AT*, are used by no other test of the shared context.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTrailApiTest extends H2AppTest {

    static final String COMMENT = "已与银联核对：订单 AT2 实付 90.00, ledger corrected";

    private static final String DAY = "2023-09-27";
    private static final String CLEAN_DAY = "2023-09-28";
    private static final String POS_FILE = "pos_20230927.csv";
    private static final String CARD_FILE = "unionpay_20230927.csv";
    private static final String DECISION = AuditDay.DECISION;
    private static final String POS_HEADER = AuditDay.POS_HEADER;
    private static final String CARD_HEADER = AuditDay.CARD_HEADER;
    private static final Duration PATIENCE = AuditDay.PATIENCE;

    @Autowired
    private ReviewEvents reviewEvents;

    private Api finance;
    private Api auditor;
    private long runId;
    private long cleanRunId;
    private long discrepancyId;
    private String taskId;

    /** The day, reviewed: what every test below asks about. */
    @BeforeAll
    void aDayImportedRunAndDecided() {
        finance = Api.as(rest(), "finance");
        auditor = Api.as(rest(), "auditor");
        AuditDay day = AuditDay.inReview(this, DAY, "AT");
        runId = day.runId;
        discrepancyId = day.discrepancyId;
        taskId = day.taskId;

        // The auditor sees the task but can neither claim nor complete it.
        assertThat(auditor.get("/engine-rest/task/" + taskId, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(auditor.post("/engine-rest/task/" + taskId + "/claim", Map.of("userId", "auditor"), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(day.complete(auditor, "auditors do not decide").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        day.decide(COMMENT);
        reviewEvents.record(discrepancyId, ReviewEvents.Kind.ESCALATED, "manager", "overdue: escalated to the manager",
                Instant.now());

        day.upload("pos_20230928.csv", "pos", POS_HEADER + """
                AT5,2023-09-28 10:00:00,2023-09-28 10:00:20,60.00,card,ATREF5,PAID,0.00,S001,饰品,SS0005,1
                """);
        day.upload("unionpay_20230928.csv", "card", CARD_HEADER + """
                898310056510001,00010001,2023-09-28 10:00:25,消费,000601,000005,ATREF5,621700******0005,60.00,0.30,AT5,59.70
                """);
        ResponseEntity<Map> clean = finance.post("/api/runs", Map.of("businessDate", CLEAN_DAY, "sources",
                List.of("pos", "card")), Map.class);
        cleanRunId = ((Number) clean.getBody().get("id")).longValue();
        await().atMost(PATIENCE).until(() -> "ARCHIVED".equals(finance.getJson("/api/runs/" + cleanRunId).get("status")));
    }

    @Test
    void oneCallTellsWhoDecidedWhatAboutAnOrder() {
        List<Map<String, Object>> trail = trail("orderNo=AT2");
        assertOldestFirst(trail);
        String rulesVersion = jdbc().sql("SELECT rules_version FROM recon_run WHERE id = ?").param(runId)
                .query(String.class).single();

        // Where the order and its payment came from: file, line and who imported them.
        assertThat(only(trail, e -> "RECORD_IMPORTED".equals(e.get("action")) && e.get("subject").equals(POS_FILE + " line 3")))
                .satisfies(e -> {
                    assertThat(e.get("actor")).isEqualTo("finance");
                    assertThat(e.get("orderNo")).isEqualTo("AT2");
                    assertThat(number(e.get("runId"))).isEqualTo(runId);
                    assertThat((String) e.get("detail")).contains("ORDER AT2 txn ATREF2 100.00 CNY PAID").contains("import #");
                    assertThat(e.get("origin")).isEqualTo("reconflow");
                });
        assertThat(only(trail, e -> "RECORD_IMPORTED".equals(e.get("action")) && e.get("subject").equals(CARD_FILE + " line 3")))
                .satisfies(e -> assertThat((String) e.get("detail")).contains("PAYMENT AT2 txn ATREF2 90.00 CNY"));
        // The run, by whom, and the rules it was matched with.
        assertThat(only(trail, e -> "RUN_STARTED".equals(e.get("action"))).get("actor")).isEqualTo("finance");
        assertThat((String) only(trail, e -> "RUN_MATCHED".equals(e.get("action"))).get("detail")).contains(rulesVersion);
        assertThat(only(trail, e -> "RUN_ARCHIVED".equals(e.get("action"))).get("actor")).isEqualTo("system");
        // The discrepancy, the decision with its comment and time, and the review's event log.
        assertThat(only(trail, e -> "DISCREPANCY_RAISED".equals(e.get("action")))).satisfies(e -> {
            assertThat((String) e.get("subject")).contains("AMOUNT_MISMATCH").contains("order AT2");
            assertThat((String) e.get("detail")).contains("expected 100.00, actual 90.00");
        });
        // The review's event log says who decided what and when; the discrepancy's own line would say it twice.
        assertThat(trail).noneMatch(e -> "DISCREPANCY_DECIDED".equals(e.get("action")));
        Map<String, Object> decided = only(trail, e -> "REVIEW_DECIDED".equals(e.get("action")));
        String decidedAt = jdbc().sql("SELECT occurred_at FROM recon_review_event WHERE discrepancy_id = ? AND event = 'DECIDED'")
                .param(discrepancyId)
                .query((rs, n) -> rs.getObject(1, java.time.LocalDateTime.class)).single()
                .toInstant(java.time.ZoneOffset.UTC).toString();
        assertThat(decided).containsEntry("actor", "finance").containsEntry("orderNo", "AT2")
                .containsEntry("detail", DECISION + ": " + COMMENT).containsEntry("origin", "reconflow");
        assertThat(number(decided.get("discrepancyId"))).isEqualTo(discrepancyId);
        assertThat(OffsetDateTime.parse((String) decided.get("at")).toInstant()).isEqualTo(Instant.parse(decidedAt));
        assertThat((String) decided.get("at")).endsWith("+08:00");
        assertThat(only(trail, e -> "REVIEW_ESCALATED".equals(e.get("action")))).containsEntry("actor", "manager");
        // Camunda's own record: the task claimed and completed by finance, in the case of this discrepancy.
        List<Map<String, Object>> camunda = trail.stream().filter(e -> "camunda".equals(e.get("origin"))).toList();
        assertThat(camunda).isNotEmpty().allSatisfy(e -> {
            assertThat(number(e.get("discrepancyId"))).isEqualTo(discrepancyId);
            assertThat(e.get("orderNo")).isEqualTo("AT2");
            assertThat(number(e.get("runId"))).isEqualTo(runId);
            assertThat(e.get("businessDate")).isEqualTo(DAY);
        });
        assertThat(only(camunda, e -> "TASK_COMPLETED".equals(e.get("action")))).satisfies(e -> {
            assertThat(e.get("actor")).isEqualTo("finance");
            assertThat((String) e.get("subject")).contains(taskId);
        });
        assertThat(only(camunda, e -> "COMPLETE".equals(e.get("action")))).containsEntry("actor", "finance");
        assertThat(only(camunda, e -> "CLAIM".equals(e.get("action")))).satisfies(e -> {
            assertThat(e.get("actor")).isEqualTo("finance");
            assertThat((String) e.get("detail")).contains("assignee").contains("finance");
        });
        assertThat(only(camunda, e -> "PROCESS_STARTED".equals(e.get("action"))).get("subject"))
                .asString().startsWith("discrepancy-review ");
        assertThat(trail).as("nothing about the other order of the day")
                .noneMatch(e -> String.valueOf(e.get("subject")).contains("AT1"));

        // The matched order of the same day: its match with rule and rules version.
        assertThat(only(trail("orderNo=AT1"), e -> "MATCHED".equals(e.get("action")))).satisfies(e -> {
            assertThat(e.get("actor")).isEqualTo("system");
            assertThat((String) e.get("detail")).contains("ONE_TO_ONE by rule").contains(rulesVersion).contains("ATREF1");
        });
        assertThat(trail("orderNo=NO-SUCH-ORDER")).isEmpty();
    }

    @Test
    void aPersonsDoingAndNothingElse() {
        List<Map<String, Object>> byFinance = trail("user=finance");
        assertThat(byFinance).allSatisfy(e -> assertThat(e.get("actor")).isEqualTo("finance"));
        assertThat(byFinance).anyMatch(e -> "IMPORTED".equals(e.get("action")) && POS_FILE.equals(e.get("subject")))
                .anyMatch(e -> "RUN_STARTED".equals(e.get("action")) && number(e.get("runId")) == runId)
                .anyMatch(e -> "REVIEW_DECIDED".equals(e.get("action")) && number(e.get("discrepancyId")) == discrepancyId)
                .anyMatch(e -> "COMPLETE".equals(e.get("action")) && "camunda".equals(e.get("origin")))
                .anyMatch(e -> "PROCESS_STARTED".equals(e.get("action"))
                        && ((String) e.get("subject")).startsWith("daily-reconciliation ") && number(e.get("runId")) == runId);
        assertThat(trail("user=manager")).anyMatch(e -> "REVIEW_ESCALATED".equals(e.get("action")))
                .allSatisfy(e -> assertThat(e.get("actor")).isEqualTo("manager"));
        assertThat(trail("user=auditor")).as("the auditor's attempts changed nothing, so nothing was logged")
                .isEmpty();

        List<Map<String, Object>> financeInRun = trail("user=finance&runId=" + runId);
        assertThat(financeInRun).isNotEmpty().allSatisfy(e -> {
            assertThat(e.get("actor")).isEqualTo("finance");
            assertThat(number(e.get("runId"))).isEqualTo(runId);
        });
    }

    @Test
    void aPeriodGivenAsInstantsOrAsDaysOfTheBusinessZone() {
        Map<String, Object> decided = only(trail("orderNo=AT2"), e -> "REVIEW_DECIDED".equals(e.get("action")));
        Instant at = OffsetDateTime.parse((String) decided.get("at")).toInstant();

        List<Map<String, Object>> thatMoment = trail("from=" + at + "&to=" + at.plusMillis(1));
        assertThat(thatMoment).anyMatch(e -> "REVIEW_DECIDED".equals(e.get("action"))
                        && number(e.get("discrepancyId")) == discrepancyId)
                .allSatisfy(e -> assertThat(OffsetDateTime.parse((String) e.get("at")).toInstant()).isEqualTo(at));
        assertThat(thatMoment).noneMatch(e -> "RECORD_IMPORTED".equals(e.get("action")) || "IMPORTED".equals(e.get("action")));

        LocalDate day = at.atZone(ZoneId.of("Asia/Shanghai")).toLocalDate();
        List<Map<String, Object>> wholeDay = trail("orderNo=AT2&from=" + day + "&to=" + day);
        assertThat(wholeDay).anyMatch(e -> "REVIEW_DECIDED".equals(e.get("action")));
        assertThat(trail("orderNo=AT2&from=" + day.plusDays(1))).isEmpty();
        assertThat(trail("orderNo=AT2&to=" + day.minusDays(1))).isEmpty();
    }

    @Test
    void aRunsTrailIsItsOwnAndOneLineForItsMatches() {
        List<Map<String, Object>> trail = trail("runId=" + runId);
        assertOldestFirst(trail);
        assertThat(trail).allSatisfy(e -> assertThat(number(e.get("runId"))).isEqualTo(runId))
                .anyMatch(e -> "IMPORTED".equals(e.get("action")) && POS_FILE.equals(e.get("subject")))
                .anyMatch(e -> "IMPORTED".equals(e.get("action")) && CARD_FILE.equals(e.get("subject")))
                .anyMatch(e -> "REVIEW_DECIDED".equals(e.get("action")))
                .anyMatch(e -> "COMPLETE".equals(e.get("action")) && "finance".equals(e.get("actor")))
                .anyMatch(e -> "PROCESS_STARTED".equals(e.get("action")) && "finance".equals(e.get("actor"))
                        && ((String) e.get("subject")).startsWith("daily-reconciliation "))
                .noneMatch(e -> String.valueOf(e.get("subject")).contains("20230928"));
        assertThat(only(trail, e -> "MATCHED".equals(e.get("action"))).get("detail")).asString()
                .startsWith("1 matches: ONE_TO_ONE 1");

        List<Map<String, Object>> clean = trail("runId=" + cleanRunId);
        assertThat(clean).anyMatch(e -> "pos_20230928.csv".equals(e.get("subject")))
                .anyMatch(e -> "RUN_ARCHIVED".equals(e.get("action")))
                .noneMatch(e -> POS_FILE.equals(e.get("subject")) || e.get("discrepancyId") != null);
        assertThat(auditor.get("/api/audit?runId=999999", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void exportsForExcelCarryTheSameEntries() throws Exception {
        List<Map<String, Object>> json = trail("orderNo=AT2");

        ResponseEntity<byte[]> csv = auditor.get("/api/audit?orderNo=AT2&format=csv", byte[].class);
        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csv.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment")
                .contains("audit-order-AT2.csv");
        assertThat(csv.getHeaders().getFirst(AuditController.CAPPED_HEADER)).isEqualTo("false");
        byte[] bytes = csv.getBody();
        assertThat(Arrays.copyOf(bytes, 3)).as("UTF-8 byte order mark").containsExactly(0xEF, 0xBB, 0xBF);
        List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new InputStreamReader(new ByteArrayInputStream(bytes, 3, bytes.length - 3), StandardCharsets.UTF_8))
                .getRecords();
        assertThat(records).hasSize(json.size());
        assertThat(records.get(0).getParser().getHeaderNames()).containsExactly(AuditEntry.COLUMNS);
        for (int i = 0; i < json.size(); i++) {
            assertThat(records.get(i).get("at")).isEqualTo(json.get(i).get("at"));
            assertThat(records.get(i).get("action")).isEqualTo(json.get(i).get("action"));
        }
        CSVRecord decided = records.stream().filter(r -> r.get("action").equals("REVIEW_DECIDED")).findFirst()
                .orElseThrow();
        assertThat(decided.get("actor")).isEqualTo("finance");
        assertThat(decided.get("detail")).isEqualTo(DECISION + ": " + COMMENT);
        assertThat(decided.get("discrepancyId")).isEqualTo(Long.toString(discrepancyId));

        ResponseEntity<byte[]> xlsx = auditor.get("/api/audit?orderNo=AT2&format=xlsx", byte[].class);
        assertThat(xlsx.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(xlsx.getHeaders().getContentType()).hasToString(AuditExport.XLSX_TYPE);
        assertThat(xlsx.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).contains("audit-order-AT2.xlsx");
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getBody()))) {
            DataFormatter cells = new DataFormatter();
            Sheet sheet = workbook.getSheet(AuditExport.TRAIL_SHEET);
            assertThat(sheet.getLastRowNum()).isEqualTo(json.size());
            assertThat(cells.formatCellValue(sheet.getRow(0).getCell(8))).isEqualTo("detail");
            Row row = null;
            for (int i = 1; i <= sheet.getLastRowNum(); i++) {
                assertThat(cells.formatCellValue(sheet.getRow(i).getCell(0))).isEqualTo(json.get(i - 1).get("at"));
                if (cells.formatCellValue(sheet.getRow(i).getCell(2)).equals("REVIEW_DECIDED")) {
                    row = sheet.getRow(i);
                }
            }
            assertThat(row).isNotNull();
            assertThat(cells.formatCellValue(row.getCell(1))).isEqualTo("finance");
            assertThat(row.getCell(6).getNumericCellValue()).isEqualTo((double) discrepancyId);
            assertThat(cells.formatCellValue(row.getCell(8))).isEqualTo(DECISION + ": " + COMMENT);
            Sheet query = workbook.getSheet(AuditExport.QUERY_SHEET);
            assertThat(cells.formatCellValue(query.getRow(0).getCell(1))).isEqualTo("AT2");
            assertThat(cells.formatCellValue(query.getRow(5).getCell(1))).isEqualTo("auditor");
            assertThat(cells.formatCellValue(query.getRow(8).getCell(1))).isEqualTo("no");
        }
    }

    @Test
    void auditorsManagersAndAdminsReadTheTrailClerksAndOperationsDoNot() {
        assertThat(auditor.get("/api/audit?orderNo=AT2", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(Api.as(rest(), "manager").get("/api/audit?orderNo=AT2", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(Api.as(rest(), "admin").get("/api/audit?orderNo=AT2", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        for (String user : List.of("finance", "ops", "buyer")) {
            assertThat(Api.as(rest(), user).get("/api/audit?orderNo=AT2", String.class).getStatusCode()).as(user)
                    .isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(Api.anonymous(rest()).get("/api/audit?orderNo=AT2", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);

        ResponseEntity<String> unfiltered = auditor.get("/api/audit", String.class);
        assertThat(unfiltered.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unfiltered.getBody()).contains("at least one of");
        assertThat(auditor.get("/api/audit?orderNo=&user=", String.class).getStatusCode())
                .as("blank filters are no filters").isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(auditor.get("/api/audit?from=yesterday", String.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(auditor.get("/api/audit?from=2023-09-28&to=2023-09-27", String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(auditor.get("/api/audit?orderNo=AT2&format=pdf", String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void anAuditorReadsEverythingAndChangesNothing() {
        assertThat(auditor.get("/api/runs/" + runId, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(auditor.get("/api/runs/" + runId + "/discrepancies", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(auditor.get("/api/records?orderNo=AT2", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(auditor.get("/api/runs/" + runId + "/report.xlsx", byte[].class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(list(auditor, "/engine-rest/history/task?processInstanceBusinessKey=" + DAY))
                .anyMatch(t -> taskId.equals(t.get("id")) && "finance".equals(t.get("assignee")));
        assertThat(list(auditor, "/engine-rest/history/user-operation?taskId=" + taskId))
                .anyMatch(o -> "Complete".equals(o.get("operationType")) && "finance".equals(o.get("userId")));

        assertThat(auditor.post("/api/runs", Map.of("businessDate", "2023-09-29"), String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(auditor.post("/api/runs/" + runId + "/rematch", Map.of(), String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(auditor.postMultipart("/api/imports", Api.importParts("pos", "pos_20230929.csv", POS_HEADER),
                String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(auditor.post("/engine-rest/process-definition/key/daily-reconciliation/start",
                Map.of("businessKey", "2023-09-29"), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(auditor.post("/engine-rest/task/create", Map.of("name", "an auditor's task"), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void aFactTheReviewsEventLogAlsoRecordsIsShownOnce() {
        // A second approval, as the four-eyes review records it: on the discrepancy, then in the event log.
        Instant approvedAt = Instant.now();
        jdbc().sql("UPDATE recon_discrepancy SET approved_by = 'manager', approved_at = ? WHERE id = ?")
                .params(com.reconflow.config.Db.utc(approvedAt), discrepancyId).update();
        assertThat(only(trail("orderNo=AT2&user=manager"), e -> "DISCREPANCY_APPROVED".equals(e.get("action"))))
                .satisfies(e -> assertThat((String) e.get("detail")).contains(DECISION).contains("finance"));

        reviewEvents.record(discrepancyId, ReviewEvents.Kind.APPROVED, "manager", "four eyes: agreed", approvedAt);
        List<Map<String, Object>> approvals = trail("orderNo=AT2&user=manager").stream()
                .filter(e -> String.valueOf(e.get("action")).endsWith("APPROVED")).toList();
        assertThat(approvals).singleElement().satisfies(e -> {
            assertThat(e.get("action")).isEqualTo("REVIEW_APPROVED");
            assertThat(e.get("detail")).isEqualTo("four eyes: agreed");
        });
        // The decision the review logged with its comment stands for the discrepancy's own line.
        List<Map<String, Object>> trail = trail("orderNo=AT2&user=finance");
        assertThat(trail).noneMatch(e -> "DISCREPANCY_DECIDED".equals(e.get("action")));
        assertThat(only(trail, e -> "REVIEW_DECIDED".equals(e.get("action"))).get("detail")).asString().contains(COMMENT);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private List<Map<String, Object>> trail(String query) {
        ResponseEntity<List> response = auditor.get("/api/audit?" + query, List.class);
        assertThat(response.getStatusCode()).as(query).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getFirst(AuditController.CAPPED_HEADER)).isEqualTo("false");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = response.getBody();
        return entries;
    }

    private static Map<String, Object> only(List<Map<String, Object>> trail, Predicate<Map<String, Object>> which) {
        List<Map<String, Object>> found = trail.stream().filter(which).toList();
        assertThat(found).as("exactly one such entry in %s", trail).hasSize(1);
        return found.get(0);
    }

    private static void assertOldestFirst(List<Map<String, Object>> trail) {
        assertThat(trail).extracting(e -> OffsetDateTime.parse((String) e.get("at")).toInstant()).isSorted();
    }

    private static long number(Object value) {
        return value == null ? -1 : ((Number) value).longValue();
    }

    private static List<Map<String, Object>> list(Api user, String path) {
        return AuditDay.list(user, path);
    }
}
