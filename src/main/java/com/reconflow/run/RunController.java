package com.reconflow.run;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.reconflow.config.ReconProperties;
import com.reconflow.review.Discrepancy;
import com.reconflow.review.DiscrepancyRepository;
import com.reconflow.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/runs}: start a day's reconciliation, follow it (how it started, its collection deadline and
 * what operations decided about missing sources, its review cut-off), list its discrepancies and the
 * earlier runs' discrepancies carried into its day.
 */
@RestController
@RequestMapping("/api/runs")
class RunController {

    record StartRun(@NotNull LocalDate businessDate, List<String> sources) {
    }

    record RunView(long id, LocalDate businessDate, List<String> sources, String processInstanceId,
                   RunStatus status, RunCounts counts, String startedBy, OffsetDateTime startedAt,
                   OffsetDateTime collectUntil, OffsetDateTime matchedAt, OffsetDateTime cutOffAt,
                   List<String> matchedWithout, List<CollectionDecisionView> collectionDecisions) {
    }

    /** Operations' decision about sources missing at the deadline; {@code waitUntil} for retry and postpone. */
    record CollectionDecisionView(String decision, List<String> missingSources, OffsetDateTime waitUntil,
                                  String comment, String decidedBy, OffsetDateTime decidedAt) {
    }

    /** An earlier run's discrepancy carried past its cut-off into this run's day, still open. */
    record CarriedView(long id, long runId, LocalDate businessDate, OffsetDateTime carriedAt, String type,
                       String source, String orderNo, String txnId, String difference, String candidateGroup,
                       String taskId) {
    }

    record DiscrepancyView(long id, String type, String source, String counterSource, String orderNo, String txnId,
                           String expected, String actual, String difference, String status, String candidateGroup,
                           String taskId, String decision, String comment, String decidedBy, Integer priority,
                           Boolean secondApproval, String approvedBy, String resolutionRule, boolean carried) {

        static DiscrepancyView of(Discrepancy d) {
            return new DiscrepancyView(d.id(), d.type(), d.source(), d.counterSource(), d.orderNo(), d.txnId(),
                    text(d.expected()), text(d.actual()), text(d.difference()),
                    d.status().name(), d.candidateGroup(), d.taskId(), d.decision(), d.comment(), d.decidedBy(),
                    d.priority(), d.secondApproval(), d.approvedBy(), d.resolutionRule(), d.carriedAt() != null);
        }

        /** A stock mismatch has quantities, no amounts. */
        private static String text(java.math.BigDecimal amount) {
            return amount == null ? null : amount.toPlainString();
        }
    }

    private final RunService runs;
    private final DiscrepancyRepository discrepancies;
    private final CurrentUser currentUser;
    private final ReconProperties properties;

    RunController(RunService runs, DiscrepancyRepository discrepancies, CurrentUser currentUser,
                  ReconProperties properties) {
        this.runs = runs;
        this.discrepancies = discrepancies;
        this.currentUser = currentUser;
        this.properties = properties;
    }

    @PostMapping
    ResponseEntity<RunView> start(@Valid @RequestBody StartRun request) {
        Run run = runs.start(request.businessDate(), request.sources(), currentUser.id());
        return ResponseEntity.accepted().location(URI.create("/api/runs/" + run.id())).body(view(run));
    }

    @GetMapping("/{id}")
    RunView get(@PathVariable long id) {
        return view(find(id));
    }

    @GetMapping("/{id}/discrepancies")
    List<DiscrepancyView> discrepancies(@PathVariable long id) {
        return discrepancies.findByRun(find(id).id()).stream().map(DiscrepancyView::of).toList();
    }

    @GetMapping("/{id}/carried")
    List<CarriedView> carried(@PathVariable long id) {
        return runs.carriedInto(find(id)).stream().map(c -> new CarriedView(c.id(), c.runId(), c.businessDate(),
                time(c.carriedAt()), c.type(), c.source(), c.orderNo(), c.txnId(),
                c.difference() == null ? null : c.difference().toPlainString(), c.candidateGroup(), c.taskId()))
                .toList();
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("message", e.getMessage()));
    }

    private Run find(long id) {
        return runs.require(id);
    }

    private RunView view(Run run) {
        List<CollectionDecisionView> decisions = runs.collectionDecisions(run.id()).stream()
                .map(d -> new CollectionDecisionView(d.decision().name(), d.missingSources(), time(d.waitUntil()),
                        d.comment(), d.decidedBy(), time(d.decidedAt())))
                .toList();
        return new RunView(run.id(), run.businessDate(), run.sources(), run.processInstanceId(), runs.status(run),
                runs.counts(run), run.startedBy(), time(run.startedAt()), time(run.collectUntil()),
                time(run.matchedAt()), time(run.cutOffAt()), run.matchedWithout(), decisions);
    }

    /** Times with the business zone's offset. */
    private OffsetDateTime time(Instant at) {
        return at == null ? null : at.atZone(properties.zone()).toOffsetDateTime();
    }
}
