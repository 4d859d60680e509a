package com.reconflow.run;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import com.reconflow.config.ReconProperties;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * First step of every start. {@code POST /api/runs} starts the process for the run it registered;
 * the morning schedule and Tasklist's start form start it without one, and this step registers the run
 * of their date, or finds that the date has its run already (then this start ends, and its history
 * names the run).
 */
@Component
class RegisterRunDelegate implements JavaDelegate {

    private final RunService runs;
    private final ZoneId zone;

    RegisterRunDelegate(RunService runs, ReconProperties properties) {
        this.runs = runs;
        this.zone = properties.zone();
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (execution.getVariable(RunVariables.RUN_ID) != null) {
            execution.setVariable(RunVariables.RUN_REGISTERED, true);
            return;
        }
        Object startedBy = execution.getVariable(RunVariables.STARTED_BY);
        RunService.Registration registration = runs.register(
                businessDate(execution.getVariable(RunVariables.BUSINESS_DATE)),
                sources(execution.getVariable(RunVariables.SOURCES)),
                startedBy == null ? RunService.SYSTEM : startedBy.toString(), execution.getProcessInstanceId());
        Run run = registration.run();
        // Imports and review cases find the run by its date.
        execution.setProcessBusinessKey(run.businessDate().toString());
        execution.setVariable(RunVariables.BUSINESS_DATE, run.businessDate().toString());
        execution.setVariable(RunVariables.RUN_REGISTERED, registration.registered());
        if (registration.registered()) {
            execution.setVariable(RunVariables.RUN_ID, run.id());
            execution.setVariable(RunVariables.RECHECK_INTERVAL, runs.recheckInterval().toString());
        } else {
            execution.setVariable(RunVariables.EXISTING_RUN_ID, run.id());
        }
    }

    /** The form's date field sends an ISO date; a typed Date from another client is read in the business zone. */
    private LocalDate businessDate(Object value) {
        if (value instanceof Date date) {
            return date.toInstant().atZone(zone).toLocalDate();
        }
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.toString().strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is not a business date such as 2027-08-01");
        }
    }

    private static List<String> sources(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        return Arrays.stream(value.toString().split("[,\\s]+")).filter(s -> !s.isBlank()).distinct().toList();
    }
}
