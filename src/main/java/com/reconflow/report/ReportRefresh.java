package com.reconflow.report;

import java.time.LocalDate;
import java.util.Map;

import com.reconflow.config.AsSystem;
import com.reconflow.cost.CostListImported;
import com.reconflow.run.RunChanged;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Asks for a run's rollups to be rebuilt: starts the {@code report-refresh} process, whose only step is an
 * asynchronous job. Called inside the transaction of the matching or the archive, so the request commits
 * with what it reports on (or not at all), survives a crash as a job, and any node runs it.
 */
@Component
public class ReportRefresh {

    static final String PROCESS = "report-refresh";
    static final String RUN_ID = "runId";
    /** Set instead of {@link #RUN_ID} when one date is refreshed on its own (a cost list changed its costs). */
    static final String BUSINESS_DATE = "businessDate";

    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final RollupRefresher refresher;

    ReportRefresh(RuntimeService runtimeService, IdentityService identityService, RollupRefresher refresher) {
        this.runtimeService = runtimeService;
        this.identityService = identityService;
        this.refresher = refresher;
    }

    /**
     * The run's day was matched or archived: its reports are rebuilt shortly, in the background. A plain
     * (synchronous) listener, so the process starts in the publisher's transaction. The business key (the
     * run's date) only labels the refresh in Cockpit.
     */
    @EventListener
    public void afterRun(RunChanged changed) {
        long runId = changed.runId();
        String businessKey = changed.businessKey();
        // ReconFlow's own doing, not the caller's: whoever triggered the matching needs no right to this process.
        AsSystem.call(identityService, () -> runtimeService.startProcessInstanceByKey(PROCESS,
                businessKey, Map.of(RUN_ID, runId)));
    }

    /**
     * A cost list changed the cost of goods of the days it is valid for: each of them that has rollups is
     * rebuilt by a job of its own, so that a month of big days is not one long transaction.
     */
    @EventListener
    public void afterCostList(CostListImported imported) {
        for (LocalDate date : refresher.datesRefreshedSince(imported.validFrom())) {
            AsSystem.call(identityService, () -> runtimeService.startProcessInstanceByKey(PROCESS,
                    date.toString(), Map.of(BUSINESS_DATE, date.toString())));
        }
    }
}
