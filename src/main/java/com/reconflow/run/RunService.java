package com.reconflow.run;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.reconflow.config.AsSystem;
import com.reconflow.config.ReconProperties;
import com.reconflow.ingest.RecordsImported;
import com.reconflow.ingest.RecordKind;
import com.reconflow.matching.DayMatching;
import com.reconflow.matching.DayResult;
import com.reconflow.matching.ManualPairRepository;
import com.reconflow.matching.MatchingRules;
import com.reconflow.matching.ProposalRepository;
import com.reconflow.matching.RecordPair;
import com.reconflow.matching.StoredProposal;
import com.reconflow.review.DiscrepancyRepository;
import com.reconflow.review.ReviewService;
import com.reconflow.review.ReviewVariables;
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
    /** Where the run opens its review cases, a batch per job. */
    static final String OPEN_CASES_ACTIVITY = "openReviewCases";
    /** Where the run waits until every case is closed. */
    static final String REVIEW_ACTIVITY = "reviewDiscrepancies";
    /** Wakes the run once its last open discrepancy is decided or superseded. */
    static final String CASES_CLOSED_MESSAGE = "reviewCasesClosed";
    /** Ends the review of a discrepancy that matching the day again no longer finds. */
    static final String DISCREPANCY_SUPERSEDED_MESSAGE = "discrepancySuperseded";
    /** Ends the case of a proposal decided elsewhere (the REST API) or no longer made. */
    static final String PROPOSAL_WITHDRAWN_MESSAGE = "proposalWithdrawn";

    /** What the collect stage found: whether to match now, and which sources have not delivered. */
    public record Collection(boolean readyToMatch, Set<String> missingSources) {
    }

    private final RunRepository runs;
    private final DayMatching dayMatching;
    private final ManualPairRepository manualPairs;
    private final ProposalRepository proposals;
    private final DiscrepancyRepository discrepancies;
    private final ReviewService reviews;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final ReconProperties properties;
    private final Clock clock;
    private final TransactionTemplate newTransaction;

    RunService(RunRepository runs, DayMatching dayMatching, ManualPairRepository manualPairs,
               ProposalRepository proposals, DiscrepancyRepository discrepancies, ReviewService reviews,
               RuntimeService runtimeService, IdentityService identityService, ReconProperties properties,
               Clock clock, PlatformTransactionManager transactionManager) {
        this.runs = runs;
        this.dayMatching = dayMatching;
        this.manualPairs = manualPairs;
        this.proposals = proposals;
        this.discrepancies = discrepancies;
        this.reviews = reviews;
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

    /**
     * Ready when every expected source delivered for the day, or when the collection window is over.
     * A bank's statement comes the day after and carries that day's date: it has delivered for the day
     * when it holds a credit of the day's settlement.
     */
    @Transactional
    public Collection collect(long runId) {
        Run run = get(runId);
        Set<String> missing = new TreeSet<>(run.sources());
        missing.removeAll(runs.sourcesImported(run.businessDate()));
        if (!missing.isEmpty()) {
            MatchingRules rules = dayMatching.rules();
            missing.removeAll(runs.sourcesCrediting(rules.payoutReferences().keySet().stream().sorted()
                    .map(provider -> rules.payoutReference(provider, run.businessDate())).toList()));
        }
        boolean windowOver = clock.instant().isAfter(run.startedAt().plus(properties.run().collectionWindow()));
        if (!missing.isEmpty() && windowOver) {
            log.warn("Run #{} for {} stops waiting for {}: collection window over", runId, run.businessDate(), missing);
        }
        return new Collection(missing.isEmpty() || windowOver, missing);
    }

    /** Matches the day and opens a discrepancy for every finding; returns their ids. */
    @Transactional
    public List<Long> match(long runId) {
        Run run = runs.lock(runId).orElseThrow(() -> new IllegalStateException("no run #" + runId));
        runs.setStatus(runId, RunStatus.MATCHING);
        DayResult result = dayMatching.matchDay(runId, run.businessDate());
        var kept = discrepancies.keep(runId, result.findings(), properties.review().candidateGroup(),
                dayMatching.rules().version(), clock.instant());
        boolean toReview = !kept.opened().isEmpty() || proposals.countOpen(runId) > 0;
        runs.markMatched(runId, toReview ? RunStatus.IN_REVIEW : RunStatus.MATCHING,
                dayMatching.rules().version(), clock.instant());
        log.info("Run #{} for {}: {} matches, {} discrepancies, {} proposals", runId, run.businessDate(),
                result.matches().size(), kept.opened().size(), result.proposals().size());
        return kept.opened();
    }

    /** What waits for people after matching: open discrepancies and open proposals. */
    public long casesToReview(long runId) {
        return discrepancies.countOpen(runId) + proposals.countOpen(runId);
    }

    /**
     * Matches a day in review again, after late data or a person's pairing. Only what changed
     * reaches people: a new discrepancy joins the run's reviews, an open one no longer found leaves
     * them (superseded, kept for the record); decided ones stay decided.
     */
    @Transactional
    public Rematch rematch(long runId) {
        return matchAgain(lockInReview(runId));
    }

    private Rematch matchAgain(Run run) {
        long runId = run.id();
        DayResult result = dayMatching.matchDay(runId, run.businessDate());
        var kept = discrepancies.keep(runId, result.findings(), properties.review().candidateGroup(),
                dayMatching.rules().version(), clock.instant());
        // New discrepancies get their cases now; should the run still be opening, it finds them opened.
        openCases(run, Integer.MAX_VALUE);
        AsSystem.call(identityService, () -> {
            kept.superseded().forEach(id -> runtimeService.createMessageCorrelation(DISCREPANCY_SUPERSEDED_MESSAGE)
                    .processInstanceVariableEquals(ReviewVariables.DISCREPANCY_ID, id)
                    .correlateAll());
            // Proposals decided over the API, or no longer made: their cases end (a no-op for ended ones).
            proposals.closedWithCase(runId).forEach(id -> runtimeService.createMessageCorrelation(
                            PROPOSAL_WITHDRAWN_MESSAGE)
                    .processInstanceVariableEquals(RunVariables.PROPOSAL_ID, id)
                    .correlateAll());
            return null;
        });
        log.info("Run #{} for {} matched again: {} discrepancies opened, {} superseded", runId, run.businessDate(),
                kept.opened().size(), kept.superseded().size());
        return new Rematch(kept.opened(), kept.superseded(), result.proposals().size());
    }

    /** What one batch of opening review cases left: whether more wait to be opened, and how many are open. */
    public record OpenedCases(boolean more, long stillOpen) {
    }

    /**
     * Opens a {@code discrepancy-review} case for each of the next open discrepancies of the run
     * that has none yet, at most a batch, under the run's lock: whichever node runs the next batch,
     * or a re-match at the same moment, no case is opened twice.
     */
    @Transactional
    public OpenedCases openReviewCases(long runId) {
        Run run = runs.lock(runId).orElseThrow(() -> new IllegalStateException("no run #" + runId));
        openCases(run, properties.review().openBatchSize());
        boolean more = !discrepancies.unreviewedIds(runId, 1).isEmpty() || !proposals.unreviewedIds(runId, 1).isEmpty();
        return new OpenedCases(more, casesToReview(runId));
    }

    /**
     * The next discrepancies without a case: those an auto-resolution rule closes are closed with
     * it, the others get their review case.
     */
    private void openCases(Run run, int limit) {
        List<Long> ids = discrepancies.unreviewedIds(run.id(), limit);
        List<Long> toReview = reviews.autoResolve(ids);
        AsSystem.call(identityService, () -> {
            toReview.forEach(id -> runtimeService.createProcessInstanceByKey(ReviewVariables.PROCESS_KEY)
                    .businessKey(run.businessDate().toString())
                    .setVariable(ReviewVariables.DISCREPANCY_ID, id)
                    .setVariable(RunVariables.RUN_ID, run.id())
                    .setVariable(RunVariables.BUSINESS_DATE, run.businessDate().toString())
                    .execute());
            return null;
        });
        discrepancies.reviewOpened(ids, clock.instant());
        // Proposed pairs get their cases too, from what is left of the batch.
        List<Long> proposed = proposals.unreviewedIds(run.id(), Math.max(0, limit - ids.size()));
        AsSystem.call(identityService, () -> {
            proposed.forEach(id -> runtimeService.createProcessInstanceByKey(RunVariables.PROPOSAL_PROCESS_KEY)
                    .businessKey(run.businessDate().toString())
                    .setVariable(RunVariables.PROPOSAL_ID, id)
                    .setVariable(RunVariables.RUN_ID, run.id())
                    .setVariable(RunVariables.BUSINESS_DATE, run.businessDate().toString())
                    .execute());
            return null;
        });
        proposals.reviewOpened(proposed, clock.instant());
    }

    /**
     * A review case ended (decided or superseded). When it was the run's last open one and the run
     * waits for its reviews, the run goes on to the archive. Under the run's lock, so that of two
     * cases closing at once the second sees the first closed, and a run still opening cases sees
     * this one closed when it checks.
     */
    @Transactional
    public void reviewCaseClosed(long runId) {
        Run run = runs.lock(runId).orElseThrow(() -> new IllegalStateException("no run #" + runId));
        if (casesToReview(runId) == 0) {
            AsSystem.call(identityService, () -> {
                runtimeService.createMessageCorrelation(CASES_CLOSED_MESSAGE)
                        .processInstanceId(run.processInstanceId())
                        .correlateAll();
                return null;
            });
        }
    }

    /**
     * A person's pairing of the run's day: a link pairs an order and a payment whatever their keys
     * say, a separation keeps them apart. Kept with who and why, and applied at once by matching
     * the day again, and on every later matching of it.
     */
    @Transactional
    public Rematch pair(long runId, RecordPair pair, ManualPairRepository.Action action, String reason,
                        String decidedBy) {
        Run run = lockInReview(runId);
        if (!dayMatching.isOfDay(runId, run.businessDate(), pair.orderId(), RecordKind.ORDER)
                || !dayMatching.isOfDay(runId, run.businessDate(), pair.paymentId(), RecordKind.PAYMENT)) {
            throw new IllegalArgumentException("record #" + pair.orderId() + " must be an order and record #"
                    + pair.paymentId() + " a payment of " + run.businessDate() + " (or carried into it)");
        }
        manualPairs.record(runId, pair, action, reason, decidedBy, clock.instant());
        return matchAgain(run);
    }

    /** Confirming a proposal links its pair; rejecting it separates the pair for good. */
    @Transactional
    public Rematch decideProposal(long runId, long proposalId, boolean confirmed, String comment, String decidedBy) {
        Run run = lockInReview(runId);
        StoredProposal proposal = proposals.find(proposalId).filter(p -> p.runId() == runId)
                .orElseThrow(() -> new IllegalArgumentException("run #" + runId + " has no proposal #" + proposalId));
        var status = confirmed ? StoredProposal.Status.CONFIRMED : StoredProposal.Status.REJECTED;
        if (!proposals.decide(proposalId, status, comment, decidedBy, clock.instant())) {
            throw new RunStateException("proposal #" + proposalId + " is " + proposal.status() + ", no longer open");
        }
        manualPairs.record(runId, new RecordPair(proposal.order().recordId(), proposal.payment().recordId()),
                confirmed ? ManualPairRepository.Action.LINK : ManualPairRepository.Action.SEPARATE,
                (confirmed ? "confirmed" : "rejected") + " proposal #" + proposalId + ": " + comment, decidedBy,
                clock.instant());
        return matchAgain(run);
    }

    /**
     * The run, locked until the transaction ends, while its reviews are running: new reviews can join
     * them. Once they are all done the run is on its way to the archive and its day stays as decided.
     */
    private Run lockInReview(long runId) {
        Run run = runs.lock(runId).orElseThrow(() -> new IllegalStateException("no run #" + runId));
        if (run.status() != RunStatus.IN_REVIEW) {
            throw new RunStateException("run #" + runId + " is " + run.status()
                    + "; a day is matched again or re-paired only while its run is in review");
        }
        boolean reviewing = AsSystem.call(identityService, () -> runtimeService.createExecutionQuery()
                .processInstanceId(run.processInstanceId()).activityId(REVIEW_ACTIVITY).count() > 0
                || runtimeService.createExecutionQuery()
                .processInstanceId(run.processInstanceId()).activityId(OPEN_CASES_ACTIVITY).count() > 0);
        if (!reviewing) {
            throw new RunStateException("run #" + runId + " has finished its reviews and is being archived");
        }
        return run;
    }

    /** What matching a day again changed for people. */
    public record Rematch(List<Long> openedDiscrepancies, List<Long> supersededDiscrepancies, int proposals) {
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
