package com.reconflow.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.reconflow.config.AsSystem;
import com.reconflow.config.ReconProperties;
import com.reconflow.config.TaskActor;
import com.reconflow.ingest.RecordsImported;
import com.reconflow.ingest.RecordKind;
import com.reconflow.matching.DayMatching;
import com.reconflow.matching.DayResult;
import com.reconflow.matching.ManualPairRepository;
import com.reconflow.matching.MatchingRules;
import com.reconflow.matching.ProposalRepository;
import com.reconflow.matching.RecordPair;
import com.reconflow.matching.StoredProposal;
import com.reconflow.review.Comments;
import com.reconflow.review.DiscrepancyRepository;
import com.reconflow.review.ReviewEvents;
import com.reconflow.review.ReviewService;
import com.reconflow.review.ReviewVariables;
import com.reconflow.stock.orders.OrderStockPosted;
import com.reconflow.stock.reconciliation.StockReconciliation;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
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
    /** Starts the stock comparison of a run's day once the stock ledger has posted the day's orders. */
    static final String STOCK_POSTED_MESSAGE = "stockPosted";
    /** Ends the case of a proposal decided elsewhere (the REST API) or no longer made. */
    static final String PROPOSAL_WITHDRAWN_MESSAGE = "proposalWithdrawn";
    /** Where operations decide about sources still missing at the run's deadline. */
    static final String MISSING_DATA_ACTIVITY = "missingChannelData";
    /** Who starts the runs of the morning schedule, and carries discrepancies at a cut-off. */
    static final String SYSTEM = TaskActor.SYSTEM;

    /** How often stockPosted is tried when the run's process instance changed under it. */
    private static final int STOCK_POSTED_ATTEMPTS = 5;

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /**
     * What the collect stage found: the sources that have not delivered, and whether the run's deadline
     * has passed with some still missing (then operations decide, with what has arrived before them).
     */
    public record Collection(Set<String> missingSources, boolean overdue, Instant deadline, String arrivals) {

        /**
         * Every source is in: the day matches, whether or not the stock ledger has posted its orders yet (the
         * stock comparison joins the review when it has, see {@link #reconcileStock}).
         */
        public boolean complete() {
            return missingSources.isEmpty();
        }
    }

    /** A start: the run of its date, and whether this start made it (or found the date's run). */
    public record Registration(Run run, boolean registered) {
    }

    private final RunRepository runs;
    private final DayMatching dayMatching;
    private final ManualPairRepository manualPairs;
    private final ProposalRepository proposals;
    private final DiscrepancyRepository discrepancies;
    private final ReviewService reviews;
    private final ReviewEvents events;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final ReconProperties properties;
    private final Clock clock;
    private final TransactionTemplate newTransaction;
    private final ApplicationEventPublisher publisher;
    private final StockReconciliation stock;

    RunService(RunRepository runs, DayMatching dayMatching, ManualPairRepository manualPairs,
               ProposalRepository proposals, DiscrepancyRepository discrepancies, ReviewService reviews,
               ReviewEvents events, RuntimeService runtimeService, IdentityService identityService,
               ReconProperties properties, Clock clock, PlatformTransactionManager transactionManager,
               ApplicationEventPublisher publisher, StockReconciliation stock) {
        this.runs = runs;
        this.dayMatching = dayMatching;
        this.manualPairs = manualPairs;
        this.proposals = proposals;
        this.discrepancies = discrepancies;
        this.reviews = reviews;
        this.events = events;
        this.runtimeService = runtimeService;
        this.identityService = identityService;
        this.properties = properties;
        this.clock = clock;
        this.newTransaction = new TransactionTemplate(transactionManager);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.publisher = publisher;
        this.stock = stock;
    }

    /**
     * Starts the run of the day, or returns it when it exists. The run row and its process start
     * in one transaction, and the row's unique date makes a second start on any node a no-op.
     */
    @Transactional
    public Run start(LocalDate businessDate, List<String> sources, String startedBy) {
        return startIfNone(businessDate, sources, startedBy).run();
    }

    /** As {@link #start}, saying whether this call started the run (the morning schedule records it). */
    @Transactional
    public Registration startIfNone(LocalDate businessDate, List<String> sources, String startedBy) {
        Optional<Run> existing = runs.findByDate(businessDate);
        if (existing.isPresent()) {
            return new Registration(existing.get(), false);
        }
        List<String> expected = expectedSources(sources);
        long id;
        try {
            id = insert(businessDate, expected, startedBy);
        } catch (DuplicateKeyException raced) {
            return new Registration(runs.findByDate(businessDate).orElseThrow(), false);
        }
        String processInstanceId = runtimeService.createProcessInstanceByKey(RunVariables.PROCESS_KEY)
                .businessKey(businessDate.toString())
                .setVariable(RunVariables.RUN_ID, id)
                .setVariable(RunVariables.BUSINESS_DATE, businessDate.toString())
                .setVariable(RunVariables.RECHECK_INTERVAL, properties.run().recheckInterval().toString())
                .execute()
                .getId();
        runs.setProcessInstance(id, processInstanceId);
        log.info("Started reconciliation run #{} for {} (by {}) waiting for {}", id, businessDate, startedBy, expected);
        return new Registration(runs.find(id).orElseThrow(), true);
    }

    /**
     * The first step of a run started from Tasklist's start form, without a run: registers the run of its
     * date (yesterday when none is given). A date that has its run already, started in any way on any
     * node, keeps it: the unique date decides, and this start registers nothing.
     */
    @Transactional
    public Registration register(LocalDate requested, List<String> sources, String startedBy,
                                 String processInstanceId) {
        LocalDate businessDate = requested != null ? requested : LocalDate.now(clock).minusDays(1);
        List<String> expected = expectedSources(sources);
        Optional<Run> existing = runs.findByDate(businessDate);
        if (existing.isPresent()) {
            log.info("A start of {} by {} registers nothing: run #{} has the date", businessDate, startedBy,
                    existing.get().id());
            return new Registration(existing.get(), false);
        }
        long id;
        try {
            id = insert(businessDate, expected, startedBy);
        } catch (DuplicateKeyException raced) {
            return new Registration(runs.findByDate(businessDate).orElseThrow(), false);
        }
        runs.setProcessInstance(id, processInstanceId);
        log.info("Registered reconciliation run #{} for {} (started by {}) waiting for {}", id, businessDate,
                startedBy, expected);
        return new Registration(runs.find(id).orElseThrow(), true);
    }

    private List<String> expectedSources(List<String> sources) {
        List<String> expected = sources == null || sources.isEmpty() ? properties.run().defaultSources() : sources;
        List<String> unknown = expected.stream().filter(s -> !properties.isKnownSource(s)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown sources " + unknown + "; configured sources are "
                    + properties.sources());
        }
        return expected;
    }

    private long insert(LocalDate businessDate, List<String> sources, String startedBy) {
        Instant now = clock.instant();
        return runs.insert(businessDate, sources, startedBy, now, now.plus(properties.run().collectionWindow()));
    }

    public Optional<Run> find(long id) {
        return runs.find(id);
    }

    /** The run, or {@link NoSuchRun} (404) when there is none: what every endpoint naming a run needs first. */
    public Run require(long id) {
        return runs.find(id).orElseThrow(() -> new NoSuchRun(id));
    }

    /** How often a run waiting for its sources checks again without being woken. */
    Duration recheckInterval() {
        return properties.run().recheckInterval();
    }

    /** What operations decided each time the run's sources were missing at its deadline, in order. */
    List<RunRepository.CollectionDecision> collectionDecisions(long runId) {
        return runs.collectionDecisions(runId);
    }

    /** Earlier runs' discrepancies carried past their cut-off into this run's day, still open. */
    List<RunRepository.CarriedDiscrepancy> carriedInto(Run run) {
        return runs.carriedInto(run.businessDate());
    }

    public RunCounts counts(Run run) {
        return runs.counts(run);
    }

    /**
     * Which of the run's sources have not delivered yet, and whether its deadline has passed with some
     * missing: then operations decide, a run never matches a partial day by itself. Under the run's lock,
     * which an import's wake-up takes too: a file committed meanwhile is either seen here or finds the
     * task this stage opens for operations (and ends it).
     */
    @Transactional
    public Collection collect(long runId) {
        Run run = lock(runId);
        Set<String> missing = missingSources(run);
        Instant deadline = deadline(run);
        boolean overdue = !missing.isEmpty() && !clock.instant().isBefore(deadline);
        if (overdue) {
            log.warn("Run #{} for {} still misses {} at its deadline {}: operations decide", runId,
                    run.businessDate(), missing, deadline);
        }
        return new Collection(missing, overdue, deadline, overdue ? arrivals(run, missing) : null);
    }

    /**
     * A bank's statement comes the day after and carries that day's date: it has delivered for the day
     * when it holds a credit of the day's settlement.
     */
    private Set<String> missingSources(Run run) {
        Set<String> missing = new TreeSet<>(run.sources());
        missing.removeAll(runs.sourcesImported(run.businessDate()));
        if (!missing.isEmpty()) {
            MatchingRules rules = dayMatching.rules();
            missing.removeAll(runs.sourcesCrediting(rules.payoutReferences().keySet().stream().sorted()
                    .map(provider -> rules.payoutReference(provider, run.businessDate())).toList()));
        }
        return missing;
    }

    /** Runs registered before deadlines were stored wait the collection window from their start. */
    private Instant deadline(Run run) {
        return run.collectUntil() != null ? run.collectUntil()
                : run.startedAt().plus(properties.run().collectionWindow());
    }

    /** What has arrived of the run's sources, a line each, for operations' form. */
    private String arrivals(Run run, Set<String> missing) {
        Map<String, RunRepository.Delivery> delivered = runs.deliveries(run.businessDate());
        List<String> lines = run.sources().stream().filter(source -> !missing.contains(source)).map(source -> {
            RunRepository.Delivery d = delivered.get(source);
            return d == null ? source + ": the day's settlement is on a later statement"
                    : source + ": " + d.files() + (d.files() == 1 ? " file, " : " files, ") + d.rows()
                    + (d.rows() == 1 ? " row" : " rows") + ", the last at " + businessTime(d.lastAt());
        }).toList();
        return lines.isEmpty() ? "nothing yet" : String.join("\n", lines);
    }

    /** A time as operations read it: minutes in the business zone, the zone named. */
    String businessTime(Instant at) {
        return MINUTES.format(at.atZone(zone())) + " (" + zone() + ")";
    }

    private ZoneId zone() {
        return properties.zone();
    }

    /**
     * Operations' decision about sources still missing at the deadline, checked and recorded with who
     * took it: retry (check again now, wait a retry window longer), postpone (wait until a time or for a
     * duration, then check again) or proceed (match without them; needs the reason). Refused, with the
     * reason, when incomplete; the task stays open then.
     */
    @Transactional
    public void decideMissingData(long runId, Object decision, Object postponeUntil, Object postponeFor,
                                  Object comment, String decidedBy) {
        MissingDataDecision parsed = MissingDataDecision.parse(decision);
        String why = Comments.optional(comment);
        Instant now = clock.instant();
        Instant waitUntil = switch (parsed) {
            case RETRY -> now.plus(properties.run().retryWindow());
            case POSTPONE -> Postponement.until(postponeUntil, postponeFor, now, zone());
            case PROCEED -> {
                if (why.isEmpty()) {
                    throw new IllegalArgumentException("matching without the missing sources needs a comment "
                            + "giving the reason");
                }
                yield null;
            }
        };
        Run run = lock(runId);
        Set<String> missing = missingSources(run);
        runs.recordCollectionDecision(runId, parsed, missing, waitUntil, why, decidedBy, now);
        if (waitUntil != null) {
            runs.collectUntil(runId, waitUntil);
        }
        log.info("Run #{} for {}: {} decided {} about the missing {}{}", runId, run.businessDate(), decidedBy,
                parsed, missing, waitUntil == null ? "" : ", waiting until " + businessTime(waitUntil));
    }

    /** Matches the day and opens a discrepancy for every finding; returns their ids. */
    @Transactional
    public List<Long> match(long runId) {
        Run run = lock(runId);
        // Never a silent partial day: without all its sources a run matches only when operations said so.
        Set<String> missing = missingSources(run);
        if (!missing.isEmpty() && !runs.proceedDecided(runId)) {
            throw new IllegalStateException("run #" + runId + " misses " + missing
                    + " and nobody decided to match without them");
        }
        runs.setStatus(runId, RunStatus.MATCHING);
        DayResult result = dayMatching.matchDay(runId, run.businessDate());
        var kept = keepFindings(run, result);
        Instant now = clock.instant();
        boolean toReview = !kept.opened().isEmpty() || proposals.countOpen(runId) > 0;
        runs.markMatched(runId, toReview ? RunStatus.IN_REVIEW : RunStatus.MATCHING,
                dayMatching.rules().version(), now, now.plus(properties.review().cutOff()), missing);
        if (!missing.isEmpty()) {
            log.warn("Run #{} for {} matched without {}, as operations decided", runId, run.businessDate(), missing);
        }
        log.info("Run #{} for {}: {} matches, {} discrepancies, {} proposals", runId, run.businessDate(),
                result.matches().size(), kept.opened().size(), result.proposals().size());
        publisher.publishEvent(new RunChanged(runId, run.businessDate().toString()));
        return kept.opened();
    }

    /** What waits for people after matching: open discrepancies and open proposals. */
    public long casesToReview(long runId) {
        return discrepancies.countOpen(runId) + proposals.countOpen(runId);
    }

    /**
     * Matches a day in review again, after late data or a person's pairing. Only what changed
     * reaches people: a new discrepancy joins the run's reviews, an open one no longer found leaves
     * them (superseded, kept for the record); decided ones stay decided. The day's stock is compared
     * too once its orders are posted, so a rematch also makes up for a lost {@code stockPosted} message.
     */
    @Transactional
    public Rematch rematch(long runId) {
        return matchAgain(lockInReview(runId));
    }

    private Rematch matchAgain(Run run) {
        long runId = run.id();
        DayResult result = dayMatching.matchDay(runId, run.businessDate());
        var kept = keepFindings(run, result);
        // New discrepancies get their cases now; should the run still be opening, it finds them opened.
        openCases(run, Integer.MAX_VALUE);
        AsSystem.call(identityService, () -> {
            endReviews(kept.superseded());
            // Proposals decided over the API, or no longer made: their cases end (a no-op for ended ones).
            proposals.closedWithCase(runId).forEach(id -> runtimeService.createMessageCorrelation(
                            PROPOSAL_WITHDRAWN_MESSAGE)
                    .processInstanceVariableEquals(RunVariables.PROPOSAL_ID, id)
                    .correlateAll());
            return null;
        });
        log.info("Run #{} for {} matched again: {} discrepancies opened, {} superseded", runId, run.businessDate(),
                kept.opened().size(), kept.superseded().size());
        publisher.publishEvent(new RunChanged(runId, run.businessDate().toString()));
        return new Rematch(kept.opened(), kept.superseded(), result.proposals().size());
    }

    /** The reviews of superseded discrepancies end (their tasks are withdrawn). */
    private void endReviews(List<Long> superseded) {
        superseded.forEach(id -> runtimeService.createMessageCorrelation(DISCREPANCY_SUPERSEDED_MESSAGE)
                .processInstanceVariableEquals(ReviewVariables.DISCREPANCY_ID, id)
                .correlateAll());
    }

    /**
     * The stock reconciliation of a run's day, once the stock ledger has posted the day's orders after the run
     * matched (message {@code stockPosted}): new stock mismatches join the run's reviews, open ones no longer
     * found leave them, as when the day is matched again. Only while its reviews are running, as a rematch;
     * a run not matched yet compares the stock when it matches. Under the run's lock, so matching, a rematch
     * and this step see each other's work whichever node runs them. Returns whether the stock was compared.
     */
    @Transactional
    public boolean reconcileStock(long runId) {
        Run run = lock(runId);
        if (run.status() == RunStatus.ARCHIVED) {
            log.info("Run #{} for {} is archived: its day's stock posted since is not compared", runId,
                    run.businessDate());
            return false;
        }
        if (run.matchedAt() == null) {
            log.info("Run #{} for {} has not matched yet: its matching compares the stock", runId, run.businessDate());
            return false;
        }
        if (!reviewing(run)) {
            log.info("Run #{} for {} has no reviews running (nothing to review, or all done) and is being archived: "
                    + "its day's stock posted since is not compared", runId, run.businessDate());
            return false;
        }
        if (stockAwaitsPosting(run)) {
            // Another import of the day is posting meanwhile: its end sends the message again.
            return false;
        }
        var kept = stock.keep(runId, run.businessDate(), properties.review().candidateGroup(),
                dayMatching.rules().version(), clock.instant());
        // Still opening its cases a batch at a time, the run opens these with the next batch; in review, now.
        if (!openingCases(run)) {
            openCases(run, Integer.MAX_VALUE);
        }
        AsSystem.call(identityService, () -> {
            endReviews(kept.superseded());
            return null;
        });
        log.info("Run #{} for {}: the day's stock compared after its posting, {} stock mismatches opened, {} "
                + "superseded", runId, run.businessDate(), kept.opened().size(), kept.superseded().size());
        publisher.publishEvent(new RunChanged(runId, run.businessDate().toString()));
        return true;
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
        Run run = lock(runId);
        if (run.status() == RunStatus.ARCHIVED) {
            // A case carried past its run's cut-off closes after the run archived: nothing waits for it.
            return;
        }
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
        if (!reviewing(run)) {
            throw new RunStateException("run #" + runId + " has finished its reviews and is being archived");
        }
        return run;
    }

    /** In review and its process still opening or awaiting the cases: new reviews can join them. */
    private boolean reviewing(Run run) {
        return run.status() == RunStatus.IN_REVIEW && (openingCases(run) || AsSystem.call(identityService,
                () -> runtimeService.createExecutionQuery().processInstanceId(run.processInstanceId())
                        .activityId(REVIEW_ACTIVITY).count() > 0));
    }

    private boolean openingCases(Run run) {
        return AsSystem.call(identityService, () -> runtimeService.createExecutionQuery()
                .processInstanceId(run.processInstanceId()).activityId(OPEN_CASES_ACTIVITY).count() > 0);
    }

    /**
     * Whether imports of the run's day still have order lines to post to the stock ledger: until they are
     * posted, the ledger lacks sales that are only late, and the stock is not compared.
     */
    private boolean stockAwaitsPosting(Run run) {
        long awaiting = stock.importsAwaitingStockPosting(run.businessDate());
        if (awaiting > 0) {
            log.info("Run #{} for {}: {} imports of the day still await their stock posting; the stock is compared "
                    + "when they are posted", run.id(), run.businessDate(), awaiting);
        }
        return awaiting > 0;
    }

    /**
     * Keeps matching's findings and the day's stock reconciliation as the run's discrepancies: what each
     * finds opens a discrepancy, what it no longer finds is superseded. While the day's orders are still being
     * posted to the stock ledger, the stock mismatches stay as they are (none opened, none superseded).
     */
    private DiscrepancyRepository.Kept keepFindings(Run run, DayResult result) {
        String group = properties.review().candidateGroup();
        String version = dayMatching.rules().version();
        var matched = discrepancies.keep(run.id(), result.findings(), group, version, clock.instant());
        if (stockAwaitsPosting(run)) {
            return matched;
        }
        var stocked = stock.keep(run.id(), run.businessDate(), group, version, clock.instant());
        return new DiscrepancyRepository.Kept(concat(matched.opened(), stocked.opened()),
                concat(matched.superseded(), stocked.superseded()));
    }

    private static List<Long> concat(List<Long> a, List<Long> b) {
        return b.isEmpty() ? a : java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    /** What matching a day again changed for people. */
    public record Rematch(List<Long> openedDiscrepancies, List<Long> supersededDiscrepancies, int proposals) {
    }

    public void markArchived(long runId) {
        runs.markArchived(runId, clock.instant());
    }

    /**
     * The review cut-off: the run's discrepancies still open are carried into the next date's run
     * ({@code carried_at} and a CARRIED event each), and the run goes on to the archive. Their review
     * cases stay open and may still be decided; the cases of open proposals end, as a proposal is
     * applied by matching the day again. Carrying twice (a retried job) carries nothing new.
     */
    @Transactional
    public int carryOpenDiscrepancies(long runId) {
        Run run = lock(runId);
        List<Long> open = runs.openNotCarried(runId);
        Instant now = clock.instant();
        runs.markCarried(open, now);
        String detail = "carried into the run of " + run.businessDate().plusDays(1);
        open.forEach(id -> events.record(id, ReviewEvents.Kind.CARRIED, SYSTEM, detail, now));
        // A proposal cannot be applied to an archived day: its case ends, the proposal stays open on record.
        AsSystem.call(identityService, () -> {
            runtimeService.createMessageCorrelation(PROPOSAL_WITHDRAWN_MESSAGE)
                    .processInstanceVariableEquals(RunVariables.RUN_ID, runId)
                    .correlateAll();
            return null;
        });
        log.info("Run #{} for {} reached its review cut-off: {} open discrepancies carried into the run of {}",
                runId, run.businessDate(), open.size(), run.businessDate().plusDays(1));
        return open.size();
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
                imported.businessDates().stream().sorted().forEach(this::wake);
                return null;
            }));
        } catch (RuntimeException e) {
            log.warn("Could not wake the runs of {} after import #{}; they will re-check: {}",
                    imported.businessDates(), imported.importId(), e.getMessage());
        }
    }

    /**
     * An import's order lines are all posted to the stock ledger: when it was the last of its day still
     * posting, the day's run compares its stock (message {@code stockPosted}, by business key, so a date
     * without a run, or a run that has not matched, takes it as nothing). After the posting committed, so the
     * comparison sees its sales. A message lost in a crash before this is made up for by the next rematch.
     */
    @TransactionalEventListener
    public void onOrderStockPosted(OrderStockPosted posted) {
        for (int attempt = 1; ; attempt++) {
            try {
                AsSystem.call(identityService, () -> newTransaction.execute(tx -> {
                    if (stock.importsAwaitingStockPosting(posted.businessDate()) == 0) {
                        runtimeService.createMessageCorrelation(STOCK_POSTED_MESSAGE)
                                .processInstanceBusinessKey(posted.businessDate().toString())
                                .correlateAll();
                    }
                    return null;
                }));
                return;
            } catch (OptimisticLockingException runMovedMeanwhile) {
                // A job of the run changed its process instance at the same moment: the message is short, try again.
                if (attempt == STOCK_POSTED_ATTEMPTS) {
                    warnStockPostedLost(posted, runMovedMeanwhile);
                    return;
                }
            } catch (RuntimeException e) {
                // The posting has committed: its job must not fail from here.
                warnStockPostedLost(posted, e);
                return;
            }
        }
    }

    private static void warnStockPostedLost(OrderStockPosted posted, RuntimeException e) {
        log.warn("Could not tell the run of {} that import #{} is posted to the stock ledger; matching the day "
                + "again compares its stock: {}", posted.businessDate(), posted.importId(), e.getMessage());
    }

    /**
     * Wakes the day's run where it waits for its sources. Where operations have the missing-data task,
     * the task ends once every source is in (the run matches then), and otherwise shows what arrived.
     * Under the run's lock, as the collect stage: whichever commits first, the other sees it.
     */
    private void wake(LocalDate businessDate) {
        Optional<Run> collecting = runs.findByDate(businessDate)
                .filter(run -> run.status() == RunStatus.COLLECTING && run.processInstanceId() != null)
                .map(run -> lock(run.id()));
        runtimeService.createMessageCorrelation(RunVariables.RECORDS_IMPORTED_MESSAGE)
                .processInstanceBusinessKey(businessDate.toString())
                .correlateAll();
        collecting.filter(this::waitsForOperations).ifPresent(run -> {
            Set<String> missing = missingSources(run);
            if (missing.isEmpty()) {
                log.info("Run #{} for {}: the missing sources have arrived, operations' task ends", run.id(),
                        businessDate);
                runtimeService.createMessageCorrelation(RunVariables.CHANNEL_DATA_COMPLETE_MESSAGE)
                        .processInstanceId(run.processInstanceId())
                        .correlateAll();
            } else {
                runtimeService.setVariables(run.processInstanceId(), Map.of(
                        RunVariables.MISSING_SOURCES, String.join(", ", missing),
                        RunVariables.ARRIVED_SOURCES, arrivals(run, missing)));
            }
        });
    }

    private boolean waitsForOperations(Run run) {
        return runtimeService.createExecutionQuery().processInstanceId(run.processInstanceId())
                .activityId(MISSING_DATA_ACTIVITY).count() > 0;
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

    private Run lock(long runId) {
        return runs.lock(runId).orElseThrow(() -> new IllegalStateException("no run #" + runId));
    }
}
