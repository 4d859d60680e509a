package com.reconflow.run;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.reconflow.config.ReconProperties;
import com.reconflow.ingest.RecordsImported;
import com.reconflow.matching.DayMatching;
import com.reconflow.matching.DayResult;
import com.reconflow.review.DiscrepancyRepository;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reconciliation run of a business day: started once per day whichever node or user asks,
 * driven through its stages by the {@code daily-reconciliation} process.
 */
@Service
public class RunService {

    private static final Logger log = LoggerFactory.getLogger(RunService.class);

    /** What the collect stage found: whether to match now, and which sources have not delivered. */
    public record Collection(boolean readyToMatch, Set<String> missingSources) {
    }

    private final RunRepository runs;
    private final DayMatching dayMatching;
    private final DiscrepancyRepository discrepancies;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final ReconProperties properties;
    private final Clock clock;
    private final TransactionTemplate newTransaction;

    RunService(RunRepository runs, DayMatching dayMatching, DiscrepancyRepository discrepancies,
               RuntimeService runtimeService, IdentityService identityService, ReconProperties properties,
               Clock clock, PlatformTransactionManager transactionManager) {
        this.runs = runs;
        this.dayMatching = dayMatching;
        this.discrepancies = discrepancies;
        this.runtimeService = runtimeService;
        this.identityService = identityService;
        this.properties = properties;
        this.clock = clock;
        this.newTransaction = new TransactionTemplate(transactionManager);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Starts the run of the day, or returns it when it exists. The run row and its process start
     * in one transaction, and the row's unique date makes a second start on any node a no-op.
     */
    @Transactional
    public Run start(LocalDate businessDate, List<String> sources, String startedBy) {
        Optional<Run> existing = runs.findByDate(businessDate);
        if (existing.isPresent()) {
            return existing.get();
        }
        List<String> expected = sources == null || sources.isEmpty() ? properties.run().defaultSources() : sources;
        List<String> unknown = expected.stream().filter(s -> !properties.isKnownSource(s)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown sources " + unknown + "; configured sources are "
                    + properties.sources());
        }
        long id;
        try {
            id = runs.insert(businessDate, expected, startedBy, clock.instant());
        } catch (DuplicateKeyException raced) {
            return runs.findByDate(businessDate).orElseThrow();
        }
        String processInstanceId = runtimeService.createProcessInstanceByKey(RunVariables.PROCESS_KEY)
                .businessKey(businessDate.toString())
                .setVariable(RunVariables.RUN_ID, id)
                .setVariable(RunVariables.BUSINESS_DATE, businessDate.toString())
                .setVariable(RunVariables.RECHECK_INTERVAL, properties.run().recheckInterval().toString())
                .execute()
                .getId();
        runs.setProcessInstance(id, processInstanceId);
        log.info("Started reconciliation run #{} for {} waiting for {}", id, businessDate, expected);
        return runs.find(id).orElseThrow();
    }

    public Optional<Run> find(long id) {
        return runs.find(id);
    }

    public RunCounts counts(Run run) {
        return runs.counts(run);
    }

    /** Ready when every expected source delivered for the day, or when the collection window is over. */
    @Transactional
    public Collection collect(long runId) {
        Run run = get(runId);
        Set<String> missing = new TreeSet<>(run.sources());
        missing.removeAll(runs.sourcesImported(run.businessDate()));
        boolean windowOver = clock.instant().isAfter(run.startedAt().plus(properties.run().collectionWindow()));
        if (!missing.isEmpty() && windowOver) {
            log.warn("Run #{} for {} stops waiting for {}: collection window over", runId, run.businessDate(), missing);
        }
        return new Collection(missing.isEmpty() || windowOver, missing);
    }

    /** Matches the day and opens a discrepancy for every finding; returns their ids. */
    @Transactional
    public List<Long> match(long runId) {
        Run run = get(runId);
        runs.setStatus(runId, RunStatus.MATCHING);
        DayResult result = dayMatching.matchDay(runId, run.businessDate());
        List<Long> ids = discrepancies.openAll(runId, result.findings(), properties.review().candidateGroup());
        runs.markMatched(runId, ids.isEmpty() ? RunStatus.MATCHING : RunStatus.IN_REVIEW,
                dayMatching.rules().version(), clock.instant());
        log.info("Run #{} for {}: {} matches, {} discrepancies", runId, run.businessDate(),
                result.matches().size(), ids.size());
        return ids;
    }

    public void markArchived(long runId) {
        runs.markArchived(runId, clock.instant());
    }

    /**
     * A committed import may complete a run's collection: wake the runs of its days. This is the
     * system reacting, not the uploader acting, so it runs without the uploader's authorizations;
     * a run that misses the message finds the import at its next re-check.
     */
    @TransactionalEventListener
    public void onRecordsImported(RecordsImported imported) {
        try {
            // The import has committed: its caller must not see a failure from here.
            AsSystem.call(identityService, () -> newTransaction.execute(tx -> {
                imported.businessDates().forEach(date ->
                        runtimeService.createMessageCorrelation(RunVariables.RECORDS_IMPORTED_MESSAGE)
                                .processInstanceBusinessKey(date.toString())
                                .correlateAll());
                return null;
            }));
        } catch (RuntimeException e) {
            log.warn("Could not wake the runs of {} after import #{}; they will re-check: {}",
                    imported.businessDates(), imported.importId(), e.getMessage());
        }
    }

    /**
     * FAILED while a step of the run (or of one of its reviews) has an open incident: a job that
     * ran out of retries. Derived, not stored, so a successful retry in Cockpit restores the stage.
     */
    public RunStatus status(Run run) {
        if (run.status() == RunStatus.ARCHIVED || run.processInstanceId() == null) {
            return run.status();
        }
        long incidents = AsSystem.call(identityService, () -> runtimeService.createIncidentQuery()
                .processInstanceId(run.processInstanceId()).count());
        return incidents > 0 ? RunStatus.FAILED : run.status();
    }

    private Run get(long runId) {
        return runs.find(runId).orElseThrow(() -> new IllegalStateException("no run #" + runId));
    }
}
