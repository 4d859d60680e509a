package com.reconflow.config;

import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.MapBusinessCalendarManager;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Timer cycles of the engine run on the business zone's calendar (see {@link BusinessZoneCycleCalendar}),
 * and a cycle given by an expression is read again each time its timer fires, so a changed
 * {@code recon.run.schedule} holds from the next start on without redeploying the process.
 */
@Component
class BusinessZoneTimers extends AbstractProcessEnginePlugin {

    private final ReconProperties properties;

    BusinessZoneTimers(ReconProperties properties) {
        this.properties = properties;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        MapBusinessCalendarManager calendars = new MapBusinessCalendarManager();
        calendars.addBusinessCalendar(DurationBusinessCalendar.NAME, new DurationBusinessCalendar());
        calendars.addBusinessCalendar(DueDateBusinessCalendar.NAME, new DueDateBusinessCalendar());
        calendars.addBusinessCalendar(BusinessZoneCycleCalendar.NAME, new BusinessZoneCycleCalendar(properties.zone()));
        configuration.setBusinessCalendarManager(calendars);
        configuration.setReevaluateTimeCycleWhenDue(true);
    }
}
