package com.reconflow.run;

import java.time.Clock;
import java.time.LocalDate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The morning schedule's step: starts the run of the previous business day (in the business zone) with
 * the configured sources, as {@code POST /api/runs} would, unless the date has its run already.
 */
@Component
class StartScheduledRunDelegate implements JavaDelegate {

    private final RunService runs;
    private final Clock clock;

    StartScheduledRunDelegate(RunService runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        LocalDate yesterday = LocalDate.now(clock).minusDays(1);
        RunService.Registration started = runs.startIfNone(yesterday, null, RunService.SYSTEM);
        execution.setProcessBusinessKey(yesterday.toString());
        execution.setVariable(RunVariables.BUSINESS_DATE, yesterday.toString());
        execution.setVariable(RunVariables.RUN_REGISTERED, started.registered());
        execution.setVariable(started.registered() ? RunVariables.RUN_ID : RunVariables.EXISTING_RUN_ID,
                started.run().id());
    }
}
