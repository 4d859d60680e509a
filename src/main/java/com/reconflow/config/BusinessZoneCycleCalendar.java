package com.reconflow.config;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.scheduling.support.CronExpression;

/**
 * The engine's calendar for timer cycles, reading cron expressions in the business zone. The engine's
 * own reads them in the JVM's default zone, so "0 0 2 * * *" would start the morning run at 02:00 of
 * whatever zone a server happens to run in, and two nodes in different zones would disagree. Repeating
 * intervals ({@code R/...}) carry their own start and are left to the engine.
 */
public class BusinessZoneCycleCalendar extends CycleBusinessCalendar {

    private final ZoneId zone;

    public BusinessZoneCycleCalendar(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public Date resolveDuedate(String duedateDescription, Date startDate, long repeatOffset) {
        if (duedateDescription == null || duedateDescription.startsWith("R")) {
            return super.resolveDuedate(duedateDescription, startDate, repeatOffset);
        }
        Date after = startDate != null ? startDate : ClockUtil.getCurrentTime();
        try {
            Instant next = next(duedateDescription, zone, after.toInstant());
            return next == null ? null : Date.from(next);
        } catch (IllegalArgumentException e) {
            throw new ProcessEngineException("'" + duedateDescription + "' is not a cron expression: "
                    + e.getMessage(), e);
        }
    }

    /** The first time after {@code after} that the cron (Spring's syntax, as the engine's) names in the zone. */
    public static Instant next(String cron, ZoneId zone, Instant after) {
        ZonedDateTime next = CronExpression.parse(cron).next(after.atZone(zone));
        return next == null ? null : next.toInstant();
    }
}
