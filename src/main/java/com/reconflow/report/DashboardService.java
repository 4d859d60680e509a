package com.reconflow.report;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.reconflow.config.Db;
import com.reconflow.config.ReconProperties;
import com.reconflow.run.Run;
import com.reconflow.run.RunService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * {@code GET /api/dashboard/overview}: per channel and day the summary's measures (from the rollups), the
 * providers' settlements against the bank's credits, the runs of the range and the alerts of now.
 */
@Service
class DashboardService {

    private final SummaryService summaries;
    private final RunService runs;
    private final JdbcClient jdbc;
    private final ReconProperties properties;
    private final ZoneId zone;
    private final Clock clock;

    DashboardService(SummaryService summaries, RunService runs, JdbcClient jdbc, ReconProperties properties,
                     Clock clock) {
        this.summaries = summaries;
        this.runs = runs;
        this.jdbc = jdbc;
        this.properties = properties;
        this.zone = properties.zone();
        this.clock = clock;
    }

    Map<String, Object> overview(Map<String, String> params) {
        Map<String, String> only = new HashMap<>();
        for (String name : List.of("from", "to", "source", "store")) {
            if (params.get(name) != null) {
                only.put(name, params.get(name));
            }
        }
        only.put("groupBy", "source,date");
        SummaryQuery query = SummaryQuery.parse(only, summaries.today());
        Summary summary = summaries.summarise(query);

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("from", query.from().toString());
        json.put("to", query.to().toString());
        json.put("zone", zone.getId());
        json.put("generatedAt", OffsetDateTime.ofInstant(clock.instant(), zone).toString());
        json.put("channels", channels(summary));
        json.put("payouts", payouts(query));
        json.put("runs", runs(query));
        json.put("alerts", alerts(query));
        return json;
    }

    private List<Map<String, Object>> channels(Summary summary) {
        Map<String, Map<String, Object>> bySource = new LinkedHashMap<>();
        Map<String, Measures> totals = new HashMap<>();
        for (Summary.Row row : summary.rows()) {
            String source = (String) row.key().get(0);
            Map<String, Object> channel = bySource.computeIfAbsent(source, s -> {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("source", s);
                c.put("totals", null);
                c.put("days", new ArrayList<Map<String, Object>>());
                return c;
            });
            Map<String, Object> day = new LinkedHashMap<>();
            day.put("date", row.key().get(1));
            day.putAll(row.measures().toJson());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> days = (List<Map<String, Object>>) channel.get("days");
            days.add(day);
            totals.computeIfAbsent(source, s -> new Measures()).add(row.measures());
        }
        bySource.forEach((source, channel) -> channel.put("totals", totals.get(source).toJson()));
        return new ArrayList<>(bySource.values());
    }

    private List<Map<String, Object>> payouts(SummaryQuery query) {
        List<String> sources = query.filters().getOrDefault(Dimension.SOURCE, List.of());
        List<Map<String, Object>> all = jdbc.sql("SELECT provider, business_date, expected, paid_out FROM recon_report_payout "
                        + "WHERE business_date BETWEEN ? AND ? ORDER BY business_date, provider")
                .params(query.from(), query.to())
                .query((rs, n) -> {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("provider", rs.getString(1));
                    p.put("date", rs.getDate(2).toLocalDate().toString());
                    BigDecimal expected = rs.getBigDecimal(3);
                    BigDecimal paidOut = rs.getBigDecimal(4);
                    p.put("expected", Measures.text(expected));
                    p.put("paidOut", Measures.text(paidOut));
                    p.put("status", paidOut == null ? "PENDING"
                            : paidOut.compareTo(expected) == 0 ? "PAID_OUT" : "MISMATCH");
                    return p;
                }).list();
        // A filter naming providers narrows the payouts; one naming only channels leaves them all.
        List<Map<String, Object>> named = all.stream().filter(p -> sources.contains((String) p.get("provider"))).toList();
        return named.isEmpty() ? all : named;
    }

    private List<Map<String, Object>> runs(SummaryQuery query) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<Long> ids = jdbc.sql("SELECT id FROM recon_run WHERE business_date BETWEEN ? AND ? ORDER BY business_date")
                .params(query.from(), query.to()).query(Long.class).list();
        for (Long id : ids) {
            runs.find(id).ifPresent(run -> {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("id", run.id());
                r.put("businessDate", run.businessDate().toString());
                r.put("status", runs.status(run).name());
                // A run's counts read its whole day (a second or two for a million records): only the latest
                // run's, the one the page follows; GET /api/runs/{id} has any other's.
                r.put("counts", id.equals(ids.get(ids.size() - 1)) ? runs.counts(run) : null);
                out.add(r);
            });
        }
        return out;
    }

    /** Alerts are about now: every open discrepancy, whatever its date; sources missing for the runs waiting. */
    private Map<String, Object> alerts(SummaryQuery query) {
        Instant now = clock.instant();
        List<Map<String, Object>> byCode = jdbc.sql("SELECT type, COUNT(*), SUM(ABS(COALESCE(difference, 0))), "
                        + "MIN(COALESCE(review_opened_at, (SELECT u.matched_at FROM recon_run u WHERE u.id = run_id))) "
                        + "FROM recon_discrepancy WHERE status = 'OPEN' GROUP BY type ORDER BY type")
                .query((rs, n) -> {
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("code", rs.getString(1));
                    c.put("count", rs.getLong(2));
                    c.put("amount", Measures.text(rs.getBigDecimal(3)));
                    Instant oldest = Db.instant(rs.getObject(4, java.time.LocalDateTime.class));
                    c.put("oldestOpenedAt", oldest == null ? null : OffsetDateTime.ofInstant(oldest, zone).toString());
                    return c;
                }).list();
        List<Instant> opened = jdbc.sql("SELECT COALESCE(d.review_opened_at, u.matched_at) FROM recon_discrepancy d "
                        + "JOIN recon_run u ON u.id = d.run_id WHERE d.status = 'OPEN'")
                .query((rs, n) -> Db.instant(rs.getObject(1, java.time.LocalDateTime.class))).list();
        long[] ages = new long[4];
        Long oldestHours = null;
        for (Instant at : opened) {
            if (at == null) {
                continue;
            }
            Duration age = Duration.between(at, now);
            ages[age.compareTo(Duration.ofDays(1)) < 0 ? 0 : age.compareTo(Duration.ofDays(3)) < 0 ? 1
                    : age.compareTo(Duration.ofDays(7)) < 0 ? 2 : 3]++;
            oldestHours = Math.max(oldestHours == null ? 0 : oldestHours, age.toHours());
        }
        List<Map<String, Object>> byAge = new ArrayList<>();
        String[] labels = {"<1d", "1-3d", "3-7d", ">7d"};
        for (int i = 0; i < labels.length; i++) {
            byAge.add(Map.of("age", labels[i], "count", ages[i]));
        }
        Map<String, Object> alerts = new LinkedHashMap<>();
        alerts.put("openByCode", byCode);
        alerts.put("openByAge", byAge);
        alerts.put("oldestOpenCaseAgeHours", oldestHours);
        alerts.put("missingSources", missingSources());
        return alerts;
    }

    /**
     * Today's files are yesterday's business date: the sources it expects (its run's, or the configured ones
     * before it started) that have not delivered, and those of every run in the range still collecting.
     */
    private List<Map<String, Object>> missingSources() {
        LocalDate yesterday = LocalDate.now(clock.withZone(zone)).minusDays(1);
        TreeSet<LocalDate> dates = new TreeSet<>(jdbc.sql("SELECT business_date FROM recon_run WHERE status = 'COLLECTING'")
                .query(LocalDate.class).list());
        dates.add(yesterday);
        List<Map<String, Object>> missing = new ArrayList<>();
        for (LocalDate date : dates) {
            List<String> expected = jdbc.sql("SELECT sources FROM recon_run WHERE business_date = ?").param(date)
                    .query(String.class).optional().map(s -> List.of(s.split(",")))
                    .orElse(properties.run().defaultSources());
            Set<String> delivered = Set.copyOf(jdbc.sql("SELECT DISTINCT source FROM recon_import WHERE business_date = ? "
                    + "AND status <> 'REJECTED'").param(date).query(String.class).list());
            for (String source : new TreeSet<>(expected)) {
                if (!delivered.contains(source.strip())) {
                    missing.add(Map.of("date", date.toString(), "source", source.strip()));
                }
            }
        }
        return missing;
    }
}
