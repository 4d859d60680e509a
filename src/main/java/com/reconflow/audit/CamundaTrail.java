package com.reconflow.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.reconflow.config.AsSystem;
import com.reconflow.config.ReconProperties;
import com.reconflow.review.ReviewVariables;
import com.reconflow.run.RunVariables;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstanceQuery;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.history.UserOperationLogQuery;
import org.springframework.stereotype.Component;

import static com.reconflow.audit.AuditEntry.CAMUNDA;
import static com.reconflow.audit.AuditEntry.SYSTEM;

/**
 * Camunda's history as audit entries: process instances started (by whom) and ended, tasks created and
 * completed or deleted (by whom, why), and the user operation log (claims, assignments, completions,
 * variable changes, an operator's retries or modifications). Each entry is tied to its run, discrepancy
 * and order through the process variables {@code runId}, {@code discrepancyId} and {@code orderNo}.
 *
 * <p>Read on ReconFlow's own behalf: the group check of {@code /api/audit} decides who may read the trail,
 * and the trail must not silently lose entries because of the reader's grants in Camunda.
 */
@Component
class CamundaTrail {

    private static final int PAGE = 1000;
    /** A run's user operations are found in its time window among everyone's: at most this many are read. */
    private static final int SCAN_BUDGET = 200_000;
    private static final int IN_CHUNK = 500;
    private static final String COMPLETED = "completed";

    private final HistoryService history;
    private final IdentityService identity;
    private final ZoneId zone;

    CamundaTrail(HistoryService history, IdentityService identity, ReconProperties properties) {
        this.history = history;
        this.identity = identity;
        this.zone = properties.zone();
    }

    void read(AuditScope scope, AuditTrail.Collector out) {
        AsSystem.call(identity, () -> {
            new Reading(scope, out).read();
            return null;
        });
    }

    /** What an instance's variables say it is about. */
    private record Facts(String definitionKey, String businessKey, Long runId, Long discrepancyId, String orderNo,
                         LocalDate businessDate) {
    }

    /**
     * How the engine's queries are narrowed to the scope: to one instance (an order's review cases), to the
     * instances of a business key (a run's day), or not at all (a person's doing, a period).
     */
    private record Narrowing(String processInstanceId, String businessKey) {

        static final Narrowing NONE = new Narrowing(null, null);

        HistoricProcessInstanceQuery apply(HistoricProcessInstanceQuery query) {
            if (processInstanceId != null) {
                query.processInstanceId(processInstanceId);
            }
            if (businessKey != null) {
                query.processInstanceBusinessKey(businessKey);
            }
            return query;
        }

        HistoricTaskInstanceQuery apply(HistoricTaskInstanceQuery query) {
            if (processInstanceId != null) {
                query.processInstanceId(processInstanceId);
            }
            if (businessKey != null) {
                query.processInstanceBusinessKey(businessKey);
            }
            return query;
        }
    }

    private final class Reading {

        private final AuditScope scope;
        private final AuditQuery query;
        private final AuditTrail.Collector out;
        private final Map<String, Facts> facts = new HashMap<>();

        Reading(AuditScope scope, AuditTrail.Collector out) {
            this.scope = scope;
            this.query = scope.query();
            this.out = out;
        }

        void read() {
            // A run's operations are searched in its time window once, not instance by instance.
            boolean runWindow = scope.run() != null && scope.order() == null;
            for (Narrowing narrowing : narrowings()) {
                instancesStarted(narrowing);
                instancesEnded(narrowing);
                tasksCreated(narrowing);
                tasksEnded(narrowing);
                if (!runWindow) {
                    operations(narrowing);
                }
            }
            if (runWindow) {
                runOperations(scope.run());
            }
        }

        private List<Narrowing> narrowings() {
            if (scope.order() != null) {
                return orderInstances().stream().map(id -> new Narrowing(id, null)).toList();
            }
            if (scope.run() != null) {
                List<Narrowing> run = new ArrayList<>();
                run.add(new Narrowing(null, scope.run().businessDate().toString()));
                String instance = scope.run().processInstanceId();
                Facts about = instance == null ? null : facts(List.of(instance)).get(instance);
                if (about != null && !scope.run().businessDate().toString().equals(about.businessKey())) {
                    run.add(new Narrowing(instance, null));
                }
                return run;
            }
            return List.of(Narrowing.NONE);
        }

        /** An order's review cases: by their task, and by the discrepancy id among the cases of its day. */
        private Set<String> orderInstances() {
            Set<String> ids = new LinkedHashSet<>();
            for (AuditScope.Case c : scope.order().cases()) {
                if (c.taskId() != null) {
                    history.createHistoricTaskInstanceQuery().taskId(c.taskId()).list()
                            .forEach(task -> ids.add(task.getProcessInstanceId()));
                }
                history.createHistoricProcessInstanceQuery()
                        .processInstanceBusinessKey(c.businessDate().toString())
                        .variableValueEquals(ReviewVariables.DISCREPANCY_ID, c.discrepancyId())
                        .list().forEach(instance -> ids.add(instance.getId()));
            }
            return ids;
        }

        private void instancesStarted(Narrowing narrowing) {
            HistoricProcessInstanceQuery started = narrowing.apply(history.createHistoricProcessInstanceQuery());
            if (query.asksForPerson()) {
                started.startedBy(query.user());
            }
            if (query.from() != null) {
                started.startedAfter(Date.from(query.from()));
            }
            if (query.to() != null) {
                started.startedBefore(Date.from(query.to()));
            }
            List<HistoricProcessInstance> rows = started.orderByProcessInstanceStartTime().asc()
                    .listPage(0, out.readLimit());
            prefetch(rows.stream().map(HistoricProcessInstance::getId).toList());
            out.add(rows, p -> p.getStartTime().toInstant(), p -> List.of(entry(p.getStartTime(),
                    p.getStartUserId() == null ? SYSTEM : p.getStartUserId(), "PROCESS_STARTED", p.getId(),
                    p.getProcessDefinitionKey() + " " + p.getId(),
                    p.getBusinessKey() == null ? "no business key" : "business key " + p.getBusinessKey())));
        }

        private void instancesEnded(Narrowing narrowing) {
            if (!query.admitsSystem()) {
                return;
            }
            HistoricProcessInstanceQuery ended = narrowing.apply(history.createHistoricProcessInstanceQuery()).finished();
            if (query.from() != null) {
                ended.finishedAfter(Date.from(query.from()));
            }
            if (query.to() != null) {
                ended.finishedBefore(Date.from(query.to()));
            }
            List<HistoricProcessInstance> rows = ended.orderByProcessInstanceEndTime().asc().listPage(0, out.readLimit());
            prefetch(rows.stream().map(HistoricProcessInstance::getId).toList());
            out.add(rows, p -> p.getEndTime().toInstant(), p -> List.of(entry(p.getEndTime(), SYSTEM, "PROCESS_ENDED",
                    p.getId(), p.getProcessDefinitionKey() + " " + p.getId(),
                    p.getState() + (p.getDeleteReason() == null ? "" : ": " + p.getDeleteReason()))));
        }

        private void tasksCreated(Narrowing narrowing) {
            if (!query.admitsSystem()) {
                return;
            }
            HistoricTaskInstanceQuery created = narrowing.apply(history.createHistoricTaskInstanceQuery());
            if (query.from() != null) {
                created.startedAfter(Date.from(query.from()));
            }
            if (query.to() != null) {
                created.startedBefore(Date.from(query.to()));
            }
            List<HistoricTaskInstance> rows = created.orderByHistoricActivityInstanceStartTime().asc()
                    .listPage(0, out.readLimit());
            prefetch(rows.stream().map(HistoricTaskInstance::getProcessInstanceId).toList());
            out.add(rows, t -> t.getStartTime().toInstant(), t -> List.of(entry(t.getStartTime(), SYSTEM,
                    "TASK_CREATED", t.getProcessInstanceId(), taskSubject(t),
                    "in " + t.getProcessDefinitionKey() + " " + t.getProcessInstanceId())));
        }

        /** Completed by whom (its assignee, or the user the operation log names), or deleted and why. */
        private void tasksEnded(Narrowing narrowing) {
            HistoricTaskInstanceQuery ended = narrowing.apply(history.createHistoricTaskInstanceQuery()).finished();
            if (query.asksForPerson()) {
                ended.taskAssignee(query.user());
            }
            if (query.from() != null) {
                ended.finishedAfter(Date.from(query.from()));
            }
            if (query.to() != null) {
                ended.finishedBefore(Date.from(query.to()));
            }
            List<HistoricTaskInstance> rows = ended.orderByHistoricTaskInstanceEndTime().asc()
                    .listPage(0, out.readLimit());
            prefetch(rows.stream().map(HistoricTaskInstance::getProcessInstanceId).toList());
            out.add(rows, t -> t.getEndTime().toInstant(), t -> {
                boolean completed = COMPLETED.equals(t.getDeleteReason());
                String actor = completed ? completer(t) : SYSTEM;
                return List.of(entry(t.getEndTime(), actor, completed ? "TASK_COMPLETED" : "TASK_DELETED",
                        t.getProcessInstanceId(), taskSubject(t),
                        (completed ? COMPLETED : "deleted: " + t.getDeleteReason())
                                + (t.getAssignee() == null ? "" : ", assignee " + t.getAssignee())));
            });
        }

        private String completer(HistoricTaskInstance task) {
            if (task.getAssignee() != null) {
                return task.getAssignee();
            }
            return history.createUserOperationLogQuery().taskId(task.getId())
                    .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list().stream()
                    .map(UserOperationLogEntry::getUserId).filter(user -> user != null).findFirst().orElse(SYSTEM);
        }

        private String taskSubject(HistoricTaskInstance task) {
            return "task " + task.getName() + " (" + task.getTaskDefinitionKey() + " " + task.getId() + ")";
        }

        /** The user operation log of one instance, or everyone's (a person's, a period's). */
        private void operations(Narrowing narrowing) {
            if (query.user() != null && !query.asksForPerson()) {
                return;
            }
            UserOperationLogQuery operations = operationQuery(query.from(), query.to());
            if (narrowing.processInstanceId() != null) {
                operations.processInstanceId(narrowing.processInstanceId());
            }
            List<UserOperationLogEntry> rows = operations.orderByTimestamp().asc().listPage(0, out.readLimit());
            if (rows.size() > out.limit()) {
                out.stoppedAt(rows.get(out.limit()).getTimestamp().toInstant());
                rows = rows.subList(0, out.limit());
            }
            out.addAll(operationEntries(rows));
        }

        /**
         * A run's user operations: the log cannot be asked by business key, so the run's time window is read
         * page by page and what belongs to the run's instances is kept, within a budget of rows read.
         */
        private void runOperations(AuditScope.Run run) {
            if (query.user() != null && !query.asksForPerson()) {
                return;
            }
            Instant from = later(query.from(), run.startedAt().minus(Duration.ofMinutes(1)));
            Instant to = run.archivedAt() == null ? query.to() : earlier(query.to(), run.archivedAt().plus(Duration.ofDays(1)));
            List<UserOperationLogEntry> kept = new ArrayList<>();
            for (int read = 0; read < SCAN_BUDGET; read += PAGE) {
                List<UserOperationLogEntry> page = operationQuery(from, to).orderByTimestamp().asc().listPage(read, PAGE);
                prefetch(page.stream().map(UserOperationLogEntry::getProcessInstanceId).toList());
                for (UserOperationLogEntry entry : page) {
                    Facts about = entry.getProcessInstanceId() == null ? null : facts.get(entry.getProcessInstanceId());
                    if (about != null && Long.valueOf(run.id()).equals(about.runId())) {
                        kept.add(entry);
                    }
                    if (kept.size() > out.limit()) {
                        out.stoppedAt(entry.getTimestamp().toInstant());
                        out.addAll(operationEntries(kept.subList(0, out.limit())));
                        return;
                    }
                }
                if (page.size() < PAGE) {
                    out.addAll(operationEntries(kept));
                    return;
                }
                if (read + PAGE >= SCAN_BUDGET) {
                    out.stoppedAt(page.get(page.size() - 1).getTimestamp().toInstant());
                }
            }
            out.addAll(operationEntries(kept));
        }

        private UserOperationLogQuery operationQuery(Instant from, Instant to) {
            UserOperationLogQuery operations = history.createUserOperationLogQuery();
            if (query.asksForPerson()) {
                operations.userId(query.user());
            }
            if (from != null) {
                // afterTimestamp is exclusive; the trail's from is inclusive.
                operations.afterTimestamp(Date.from(from.minusMillis(1)));
            }
            if (to != null) {
                operations.beforeTimestamp(Date.from(to));
            }
            return operations;
        }

        /** One entry per user operation: the log has a row for each property it changed. */
        private List<AuditEntry> operationEntries(List<UserOperationLogEntry> rows) {
            prefetch(rows.stream().map(UserOperationLogEntry::getProcessInstanceId).toList());
            Map<String, List<UserOperationLogEntry>> byOperation = new LinkedHashMap<>();
            rows.forEach(row -> byOperation.computeIfAbsent(row.getOperationId() == null ? row.getId()
                    : row.getOperationId(), k -> new ArrayList<>()).add(row));
            List<AuditEntry> entries = new ArrayList<>();
            byOperation.values().forEach(operation -> {
                UserOperationLogEntry first = operation.get(0);
                List<String> changes = new ArrayList<>();
                for (UserOperationLogEntry change : operation) {
                    if (change.getProperty() != null) {
                        changes.add(change.getProperty() + ": " + change.getOrgValue() + " -> " + change.getNewValue());
                    }
                }
                String subject = first.getEntityType()
                        + (first.getTaskId() != null ? " " + first.getTaskId()
                        : first.getProcessInstanceId() != null ? " " + first.getProcessInstanceId()
                        : first.getProcessDefinitionKey() != null ? " " + first.getProcessDefinitionKey() : "");
                entries.add(entry(first.getTimestamp(), first.getUserId() == null ? SYSTEM : first.getUserId(),
                        operationAction(first.getOperationType()), first.getProcessInstanceId(), subject,
                        first.getCategory() + (changes.isEmpty() ? "" : ": " + String.join(", ", changes))
                                + (first.getAnnotation() == null ? "" : "; annotation: " + first.getAnnotation())));
            });
            return entries;
        }

        private AuditEntry entry(Date at, String actor, String action, String processInstanceId, String subject,
                                 String detail) {
            Facts about = processInstanceId == null ? null : facts.get(processInstanceId);
            return new AuditEntry(at.toInstant().atZone(zone).toOffsetDateTime(), actor, action,
                    about == null ? null : about.runId(), about == null ? null : about.businessDate(),
                    about == null ? null : about.orderNo(), about == null ? null : about.discrepancyId(),
                    subject, detail, CAMUNDA);
        }

        private Map<String, Facts> facts(List<String> instanceIds) {
            prefetch(instanceIds);
            return facts;
        }

        /** Loads what the instances are about, in batches: their business key and their scope's variables. */
        private void prefetch(List<String> instanceIds) {
            Set<String> missing = new LinkedHashSet<>();
            instanceIds.stream().filter(id -> id != null && !facts.containsKey(id)).forEach(missing::add);
            List<String> all = List.copyOf(missing);
            for (int i = 0; i < all.size(); i += IN_CHUNK) {
                List<String> chunk = all.subList(i, Math.min(all.size(), i + IN_CHUNK));
                Map<String, Map<String, Object>> variables = new HashMap<>();
                for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
                        .processInstanceIdIn(chunk.toArray(String[]::new))
                        .variableNameIn(RunVariables.RUN_ID, RunVariables.BUSINESS_DATE, ReviewVariables.DISCREPANCY_ID,
                                ReviewVariables.ORDER_NO)
                        .disableBinaryFetching().disableCustomObjectDeserialization().list()) {
                    // Process-wide variables only: a task's local variable of the same name says nothing of the case.
                    if (variable.getActivityInstanceId() == null
                            || variable.getActivityInstanceId().equals(variable.getProcessInstanceId())) {
                        variables.computeIfAbsent(variable.getProcessInstanceId(), k -> new HashMap<>())
                                .put(variable.getName(), variable.getValue());
                    }
                }
                for (HistoricProcessInstance instance : history.createHistoricProcessInstanceQuery()
                        .processInstanceIds(Set.copyOf(chunk)).list()) {
                    Map<String, Object> values = variables.getOrDefault(instance.getId(), Map.of());
                    facts.put(instance.getId(), new Facts(instance.getProcessDefinitionKey(), instance.getBusinessKey(),
                            number(values.get(RunVariables.RUN_ID)), number(values.get(ReviewVariables.DISCREPANCY_ID)),
                            values.get(ReviewVariables.ORDER_NO) == null ? null
                                    : values.get(ReviewVariables.ORDER_NO).toString(),
                            day(values.get(RunVariables.BUSINESS_DATE), instance.getBusinessKey())));
                }
            }
        }
    }

    /** {@code Claim} is CLAIM, {@code SetJobRetries} SET_JOB_RETRIES. */
    static String operationAction(String operationType) {
        return operationType == null ? "OPERATION" : operationType.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase();
    }

    private static Long number(Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }

    private static LocalDate day(Object variable, String businessKey) {
        for (Object candidate : new Object[] {variable, businessKey}) {
            if (candidate != null) {
                try {
                    return LocalDate.parse(candidate.toString());
                } catch (DateTimeParseException notADate) {
                    // the next candidate
                }
            }
        }
        return null;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
