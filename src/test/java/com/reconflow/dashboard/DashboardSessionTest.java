package com.reconflow.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.reconflow.support.Api;
import com.reconflow.support.H2AppTest;
import com.reconflow.support.Reviews;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard's login is Camunda's: over real HTTP, a browser session logged in at {@code /login} reads
 * {@code /api} without a password and is logged in to Tasklist too; one logged in through Tasklist's own login
 * opens the dashboard; a session never writes; the anonymous go to the login.
 */
class DashboardSessionTest extends H2AppTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final ObjectMapper json = new ObjectMapper();

    /** One browser: its cookies (the session's, Camunda's CSRF token), sent with every request, as a browser does. */
    private final class Browser {
        private final Map<String, String> cookies = new java.util.LinkedHashMap<>();

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(uri(path)).GET());
        }

        HttpResponse<String> postForm(String path, Map<String, String> form) throws IOException, InterruptedException {
            return postForm(path, form, Map.of());
        }

        HttpResponse<String> postForm(String path, Map<String, String> form, Map<String, String> headers)
                throws IOException, InterruptedException {
            String body = form.entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            var request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            headers.forEach(request::header);
            return send(request);
        }

        HttpResponse<String> postJson(String path, String body) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        HttpResponse<String> logIn(String user, String password) throws IOException, InterruptedException {
            return postForm("/login", Map.of("username", user, "password", password, "next", "/dashboard/"));
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
            if (!cookies.isEmpty()) {
                request.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                        .collect(Collectors.joining("; ")));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String set : response.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
            return response;
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String location(HttpResponse<?> response) {
        String location = response.headers().firstValue("Location").orElse("");
        // Tomcat answers with absolute redirects.
        return location.replaceFirst("^http://localhost:\\d+", "");
    }

    @Test
    void theAnonymousAreSentToTheLoginAndComeBackWhereTheyWere() throws Exception {
        Browser anonymous = new Browser();
        HttpResponse<String> page = anonymous.get("/dashboard/order.html?orderNo=X1");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(location(page)).isEqualTo("/login?next=%2Fdashboard%2Forder.html%3ForderNo%3DX1");
        assertThat(location(anonymous.get("/dashboard/"))).isEqualTo("/login?next=%2Fdashboard%2F");
        assertThat(location(anonymous.get("/webjars/echarts/dist/echarts.min.js")))
                .isEqualTo("/login?next=%2Fwebjars%2Fecharts%2Fdist%2Fecharts.min.js");
        assertThat(anonymous.get("/api/runs/1").statusCode()).isEqualTo(401);

        HttpResponse<String> login = anonymous.get("/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("<form method=\"post\" action=\"/login\"", "用户名", "密码");

        HttpResponse<String> loggedIn = anonymous.postForm("/login", Map.of("username", "finance",
                "password", "finance", "next", "/dashboard/order.html?orderNo=X1"));
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        assertThat(location(loggedIn)).isEqualTo("/dashboard/order.html?orderNo=X1");
        assertThat(anonymous.get("/dashboard/order.html?orderNo=X1").body()).contains("order.js");
    }

    @Test
    void aLoggedInSessionReadsTheApiAndTheDashboardButNeverWrites() throws Exception {
        Api finance = Api.as(rest(), "finance");
        var run = finance.post("/api/runs", Map.of("businessDate", "2028-04-20", "sources", List.of("pos")), Map.class);
        Object runId = run.getBody().get("id");

        Browser browser = new Browser();
        HttpResponse<String> login = browser.logIn("finance", "finance");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(location(login)).isEqualTo("/dashboard/");

        HttpResponse<String> index = browser.get("/dashboard/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("ReconFlow 对账看板", "/webjars/echarts/dist/echarts.min.js");
        HttpResponse<String> echarts = browser.get("/webjars/echarts/dist/echarts.min.js");
        assertThat(echarts.statusCode()).isEqualTo(200);
        assertThat(echarts.body()).contains("5.3.1");

        HttpResponse<String> read = browser.get("/api/runs/" + runId);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json.readTree(read.body()).get("businessDate").asText()).isEqualTo("2028-04-20");
        HttpResponse<String> me = browser.get("/dashboard/me");
        assertThat(json.readTree(me.body()).get("userId").asText()).isEqualTo("finance");
        assertThat(json.readTree(me.body()).get("offset").asText()).isEqualTo("+08:00");

        HttpResponse<String> write = browser.postJson("/api/runs", "{\"businessDate\":\"2028-04-21\"}");
        assertThat(write.statusCode()).as("a session does not write; scripts use HTTP Basic").isEqualTo(401);
        assertThat(finance.get("/api/runs/" + runId, Map.class).getStatusCode().value()).isEqualTo(200);

        HttpResponse<String> logout = browser.postForm("/logout", Map.of());
        assertThat(location(logout)).isEqualTo("/login?loggedOut");
        assertThat(browser.get("/api/runs/" + runId).statusCode()).isEqualTo(401);
        assertThat(browser.get("/dashboard/").statusCode()).isEqualTo(302);
    }

    @Test
    void wrongPasswordsAndOutsidersGetNoFigures() throws Exception {
        // Not finance: a wrong password locks the user out for a few seconds (Camunda's login delay).
        Browser impostor = new Browser();
        HttpResponse<String> refused = impostor.logIn("controller", "guess");
        assertThat(location(refused)).isEqualTo("/login?error=credentials&next=%2Fdashboard%2F");
        assertThat(impostor.get("/api/runs/1").statusCode()).isEqualTo(401);
        assertThat(impostor.get("/dashboard/").statusCode()).isEqualTo(302);

        Browser buyer = new Browser();
        assertThat(location(buyer.logIn("buyer", "buyer"))).isEqualTo("/login?error=forbidden");
        assertThat(buyer.get("/dashboard/").statusCode()).as("purchasing is no reader").isEqualTo(403);
        assertThat(buyer.get("/api/runs/1").statusCode()).isEqualTo(403);

        Browser elsewhere = new Browser();
        assertThat(location(elsewhere.postForm("/login", Map.of("username", "finance", "password", "finance",
                "next", "//evil.example/dashboard/")))).as("no redirect off the dashboard").isEqualTo("/dashboard/");
    }

    @Test
    void theLoginIsSharedWithTasklist() throws Exception {
        // Logged in here: Camunda's webapps see the same user in the same session.
        Browser here = new Browser();
        here.logIn("auditor", "auditor");
        HttpResponse<String> camunda = here.get("/camunda/api/admin/auth/user/default");
        assertThat(camunda.statusCode()).isEqualTo(200);
        assertThat(json.readTree(camunda.body()).get("userId").asText()).isEqualTo("auditor");
        assertThat(json.readTree(camunda.body()).get("authorizedApps").toString()).contains("tasklist");

        // Logged in through Tasklist's own login: the dashboard and the API's reads are open.
        Browser tasklist = new Browser();
        // As Tasklist's page does: a first call hands out Camunda's CSRF token, the login sends it back.
        tasklist.get("/camunda/api/admin/auth/user/default");
        HttpResponse<String> camundaLogin = tasklist.postForm("/camunda/api/admin/auth/user/default/login/tasklist",
                Map.of("username", "ops", "password", "ops"), Map.of("X-XSRF-TOKEN", tasklist.cookies.get("XSRF-TOKEN")));
        assertThat(camundaLogin.statusCode()).as(camundaLogin.body()).isEqualTo(200);
        assertThat(tasklist.get("/dashboard/").statusCode()).isEqualTo(200);
        assertThat(tasklist.get("/api/runs/999999").statusCode()).as("read as ops: no such run").isEqualTo(404);

        // One logout for both.
        tasklist.postForm("/logout", Map.of());
        assertThat(tasklist.get("/camunda/api/admin/auth/user/default").statusCode()).isEqualTo(404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theStoryOfAnOrderLinksTheOpenTaskOfItsDiscrepancy() throws Exception {
        LocalDate date = LocalDate.of(2028, 4, 4);
        DashboardDay day = DashboardDay.inReview(this, date, "DS4");
        String taskId = (String) day.reviewTasks().get(0).get("id");
        try {
            Browser browser = new Browser();
            browser.logIn("finance", "finance");
            var story = json.readTree(browser.get("/api/records?orderNo=" + day.order(3)).body());
            var withDiscrepancy = story.get("records").findValues("discrepancies").stream()
                    .filter(d -> d.size() > 0).toList();
            assertThat(withDiscrepancy).as(story.toString()).isNotEmpty().allSatisfy(d -> {
                assertThat(d.get(0).get("type").asText()).isEqualTo("AMOUNT_MISMATCH");
                assertThat(d.get(0).get("status").asText()).isEqualTo("OPEN");
                assertThat(d.get(0).get("taskId").asText()).isEqualTo(taskId);
            });
            var matched = json.readTree(browser.get("/api/records?orderNo=" + day.order(1)).body());
            assertThat(matched.get("records").findValues("matches").stream().mapToInt(m -> m.size()).sum())
                    .isEqualTo(2);
        } finally {
            new Reviews(rest()).closeAll(date, "CHASE", "Closed after the dashboard test");
        }
        // The decision is applied by an asynchronous job: the discrepancy closes a moment after its task.
        Api finance = Api.as(rest(), "finance");
        await().atMost(DashboardDay.PATIENCE).until(() -> discrepanciesOf(finance, day.order(3)).stream()
                .allMatch(d -> "RESOLVED".equals(d.get("status"))));
        assertThat(discrepanciesOf(finance, day.order(3)))
                .isNotEmpty()
                .allSatisfy(d -> {
                    assertThat(d.get("status")).isEqualTo("RESOLVED");
                    assertThat(d.get("taskId")).as("a decided discrepancy has no open task").isNull();
                });
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> discrepanciesOf(Api user, String orderNo) {
        List<Map<String, Object>> records = (List<Map<String, Object>>) user.getJson("/api/records?orderNo=" + orderNo)
                .get("records");
        return records.stream().flatMap(r -> ((List<Map<String, Object>>) r.get("discrepancies")).stream()).toList();
    }
}
