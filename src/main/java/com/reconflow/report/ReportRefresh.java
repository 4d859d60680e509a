package com.reconflow.report;

import java.util.Map;

import com.reconflow.config.AsSystem;
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

    private final RuntimeService runtimeService;
    private final IdentityService identityService;

    ReportRefresh(RuntimeService runtimeService, IdentityService identityService) {
        this.runtimeService = runtimeService;
        this.identityService = identityService;
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
}
