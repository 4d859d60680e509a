package com.reconflow.archive;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Optional;

import com.reconflow.config.Db;
import com.reconflow.config.Digests;
import com.reconflow.review.DiscrepancyRepository;
import com.reconflow.run.Run;
import com.reconflow.run.RunService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Closes a run: writes its report, stores it with its SHA-256, marks the run archived. */
@Service
public class ArchiveService {

    private final RunService runs;
    private final DiscrepancyRepository discrepancies;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ReportWriter writer = new ReportWriter();

    ArchiveService(RunService runs, DiscrepancyRepository discrepancies, JdbcClient jdbc, Clock clock) {
        this.runs = runs;
        this.discrepancies = discrepancies;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public void archive(long runId) {
        Run run = runs.find(runId).orElseThrow(() -> new IllegalStateException("no run #" + runId));
        var totals = jdbc.sql("""
                SELECT source, kind, COUNT(*) AS records, SUM(amount) AS amount
                FROM recon_record WHERE business_date = ? GROUP BY source, kind ORDER BY source, kind""")
                .param(run.businessDate())
                .query((rs, n) -> new ReconciliationReport.SourceTotal(rs.getString("source"), rs.getString("kind"),
                        rs.getLong("records"), rs.getBigDecimal("amount").setScale(2)))
                .list();
        var report = new ReconciliationReport(run.id(), run.businessDate(), run.sources(), runs.counts(run), totals,
                discrepancies.findByRun(runId), ZonedDateTime.now(clock));
        byte[] xlsx = writer.write(report);
        jdbc.sql("INSERT INTO recon_archive (run_id, report_xlsx, report_sha256, created_at) VALUES (?, ?, ?, ?)")
                .params(runId, xlsx, Digests.sha256Hex(xlsx), Db.utc(clock.instant()))
                .update();
        runs.markArchived(runId);
    }

    public Optional<byte[]> report(long runId) {
        return jdbc.sql("SELECT report_xlsx FROM recon_archive WHERE run_id = ?").param(runId)
                .query((rs, n) -> rs.getBytes(1)).optional();
    }
}
