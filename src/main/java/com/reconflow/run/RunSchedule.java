package com.reconflow.run;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import com.reconflow.config.BusinessZoneCycleCalendar;
import com.reconflow.config.ReconProperties;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.runtime.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The morning schedule ({@code recon.run.schedule}, a cron in the business zone) on which the timer
 * start event of daily-reconciliation-schedule starts the run of the previous business day: the engine
 * keeps one timer job for it, so one node of a cluster starts each run. The start event reads {@link #getCron()};
 * the engine reads crons in the business zone and the expression again each time the timer fires. A
 * timer scheduled under an earlier setting is moved to the next start of the current one at start-up.
 */
@Component("runSchedule")
@Order(1)
public class RunSchedule implements ApplicationRunner {

    /** The timer start event of daily-reconciliation-schedule. */
    static final String START_EVENT = "dailySchedule";

    private static final Logger log = LoggerFactory.getLogger(RunSchedule.class);

    private final ReconProperties properties;
    private final ManagementService managementService;
    private final Clock clock;

    RunSchedule(ReconProperties properties, ManagementService managementService, Clock clock) {
        this.properties = properties;
        this.managementService = managementService;
        this.clock = clock;
        // A wrong cron stops the start, rather than the deployment of the process or the morning run.
        nextStart(Instant.EPOCH);
    }

    /** What the timer start event's cycle reads. */
    public String getCron() {
        return properties.run().schedule();
    }

    /** The first scheduled start after the instant. */
    public Instant nextStart(Instant after) {
        try {
            return BusinessZoneCycleCalendar.next(getCron(), properties.zone(), after);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("recon.run.schedule '" + getCron() + "' is not a cron expression "
                    + "(second minute hour day-of-month month day-of-week): " + e.getMessage(), e);
        }
    }

    /** The timer job of the latest daily-reconciliation-schedule, when deployed. */
    public Optional<Job> timer() {
        return managementService.createJobQuery().processDefinitionKey(RunVariables.SCHEDULE_PROCESS_KEY)
                .activityId(START_EVENT).timers().list().stream()
                .max((a, b) -> a.getCreateTime().compareTo(b.getCreateTime()));
    }

    @Override
    public void run(ApplicationArguments args) {
        keepTimerOnSchedule();
    }

    /**
     * A timer that is not due yet but not at the next scheduled start either was scheduled under an
     * earlier setting: the engine computes its due date again from the current one. A timer already due
     * is left alone, so that a node starting at 02:00 does not skip the morning's run.
     */
    void keepTimerOnSchedule() {
        timer().ifPresent(job -> {
            Instant now = clock.instant();
            Instant due = job.getDuedate().toInstant();
            Instant next = nextStart(now);
            if (due.isAfter(now) && !due.equals(next)) {
                try {
                    managementService.recalculateJobDuedate(job.getId(), false);
                    log.info("The morning run's timer was due at {}; on the schedule '{}' it is due at {}",
                            due, getCron(), managementService.createJobQuery().jobId(job.getId()).singleResult()
                                    .getDuedate().toInstant());
                } catch (OptimisticLockingException anotherNodeMovedIt) {
                    log.debug("Another node moved the morning run's timer", anotherNodeMovedIt);
                }
            }
        });
    }
}
