package com.reconflow.support;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.boot.test.web.client.TestRestTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closes a day's review cases the way the teams do in Tasklist, over the engine's REST API: each
 * review is decided by a member of its candidate group ({@code finance}, {@code ops} for operations'
 * cases, or {@code manager} for the finance managers' cases), and each approval taken by a finance
 * manager who did not decide it
 * (four eyes needs two: the demo's {@code manager} and {@link #SECOND_MANAGER}).
 */
public final class Reviews {

    /** The demo's second finance manager. */
    public static final String SECOND_MANAGER = "controller";

    private final TestRestTemplate rest;

    public Reviews(TestRestTemplate rest) {
        this.rest = rest;
    }

    /** The open review and approval tasks of a business day. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> tasks(LocalDate day) {
        return Api.as(rest, "admin").get("/engine-rest/task?processDefinitionKey=discrepancy-review"
                + "&processInstanceBusinessKey=" + day + "&maxResults=10000", List.class).getBody();
    }

    /** The open proposed-match tasks of a business day. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> proposalTasks(LocalDate day) {
        return Api.as(rest, "admin").get("/engine-rest/task?processDefinitionKey=proposal-review"
                + "&processInstanceBusinessKey=" + day + "&maxResults=10000", List.class).getBody();
    }

    /** Confirms a proposed pair as finance would in Tasklist. */
    public void confirmProposal(String taskId, String comment) {
        Api finance = Api.as(rest, "finance");
        finance.post("/engine-rest/task/" + taskId + "/claim", Map.of("userId", "finance"), String.class);
        var completed = finance.post("/engine-rest/task/" + taskId + "/complete", Map.of("variables", Map.of(
                "proposalDecision", Map.of("value", "CONFIRM", "type", "String"),
                "comment", Map.of("value", comment, "type", "String"))), String.class);
        assertThat(completed.getStatusCode().is2xxSuccessful()).as(String.valueOf(completed.getBody())).isTrue();
    }

    /**
     * Decides every review of the day with the decision and comment, approves what needs approval,
     * and confirms the day's proposed pairs.
     */
    public void closeAll(LocalDate day, String decision, String comment) {
        for (int round = 0; round < 5; round++) {
            proposalTasks(day).forEach(task -> confirmProposal((String) task.get("id"), comment));
            List<Map<String, Object>> open = tasks(day);
            if (open.isEmpty() && proposalTasks(day).isEmpty()) {
                return;
            }
            for (Map<String, Object> task : open) {
                String id = (String) task.get("id");
                if ("approveDecision".equals(task.get("taskDefinitionKey"))) {
                    approve(id);
                } else {
                    decide(id, deciderOf(id), decision, comment);
                }
            }
        }
        assertThat(tasks(day)).as("reviews of " + day + " left open").isEmpty();
        assertThat(proposalTasks(day)).as("proposals of " + day + " left open").isEmpty();
    }

    /** The user of the demo who works the task's candidate group. */
    @SuppressWarnings("unchecked")
    public String deciderOf(String taskId) {
        List<Map<String, Object>> links = Api.as(rest, "admin")
                .get("/engine-rest/task/" + taskId + "/identity-links?type=candidate", List.class).getBody();
        boolean finance = links.stream().anyMatch(l -> "finance".equals(l.get("groupId")));
        boolean operations = links.stream().anyMatch(l -> "operations".equals(l.get("groupId")));
        return finance ? "finance" : operations ? "ops" : "manager";
    }

    public void decide(String taskId, String user, String decision, String comment) {
        Api as = Api.as(rest, user);
        as.post("/engine-rest/task/" + taskId + "/claim", Map.of("userId", user), String.class);
        var completed = as.post("/engine-rest/task/" + taskId + "/complete", Map.of("variables", Map.of(
                "decision", Map.of("value", decision, "type", "String"),
                "adjustmentAmount", Map.of("value", "1.00", "type", "String"),
                "comment", Map.of("value", comment, "type", "String"))), String.class);
        assertThat(completed.getStatusCode().is2xxSuccessful()).as(String.valueOf(completed.getBody())).isTrue();
    }

    /** Approved by a finance manager who did not take the decision. */
    @SuppressWarnings("unchecked")
    public void approve(String taskId) {
        Map<String, Object> decidedBy = Api.as(rest, "admin")
                .getJson("/engine-rest/task/" + taskId + "/variables/reviewedBy");
        String approver = "manager".equals(decidedBy.get("value")) ? SECOND_MANAGER : "manager";
        Api as = Api.as(rest, approver);
        as.post("/engine-rest/task/" + taskId + "/claim", Map.of("userId", approver), String.class);
        var completed = as.post("/engine-rest/task/" + taskId + "/complete", Map.of("variables", Map.of(
                "approval", Map.of("value", "APPROVE", "type", "String"))), String.class);
        assertThat(completed.getStatusCode().is2xxSuccessful()).as(String.valueOf(completed.getBody())).isTrue();
    }
}
