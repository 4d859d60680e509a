package com.reconflow.stock.reconciliation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.reconflow.config.Db;
import com.reconflow.matching.DiscrepancyType;
import com.reconflow.review.DiscrepancyRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** STOCK_MISMATCH discrepancies: a recon_discrepancy row each, with its quantities in stock_mismatch. */
@Repository
class StockMismatchRepository {

    /** The rule that raises them, as recon_discrepancy.rule_id names it. */
    static final String RULE = "stock-sold-returned-vs-movements";
    /** Found in the stock ledger, not in one channel's or provider's file. */
    static final String SOURCE = "stock";
    private static final String TYPE = DiscrepancyType.STOCK_MISMATCH.name();

    /** A stored mismatch, as the review form and the API show it. */
    record Stored(long discrepancyId, long runId, LocalDate businessDate, String status, String sku, String location,
                  long soldPerOrders, long soldPerMovements, long returnedPerOrders, long returnedPerMovements,
                  String orderNo, String orders, String interceptions) {
    }

    private final JdbcClient jdbc;
    private final DiscrepancyRepository discrepancies;

    StockMismatchRepository(JdbcClient jdbc, DiscrepancyRepository discrepancies) {
        this.jdbc = jdbc;
        this.discrepancies = discrepancies;
    }

    /**
     * Brings the run's STOCK_MISMATCH discrepancies in line with the latest comparison, as
     * {@link DiscrepancyRepository#keep} does for matching's findings: the same SKU and location with the same
     * quantities is the same finding.
     */
    DiscrepancyRepository.Kept keep(long runId, LocalDate businessDate, List<StockMismatch> found,
                                    String candidateGroup, String rulesVersion, Instant now) {
        Map<String, Long> standing = new HashMap<>();
        Map<String, Long> open = new HashMap<>();
        for (Stored s : ofRun(runId)) {
            String identity = identity(s);
            standing.put(identity, s.discrepancyId());
            if ("OPEN".equals(s.status())) {
                open.put(identity, s.discrepancyId());
            }
        }
        Set<String> seen = new HashSet<>();
        List<Long> opened = new ArrayList<>();
        for (StockMismatch m : found) {
            if (seen.add(m.identity()) && !standing.containsKey(m.identity())) {
                opened.add(insert(runId, businessDate, m, candidateGroup, rulesVersion));
            }
        }
        List<Long> superseded = open.entrySet().stream().filter(e -> !seen.contains(e.getKey()))
                .map(Map.Entry::getValue).sorted().toList();
        discrepancies.supersede(superseded, now);
        return new DiscrepancyRepository.Kept(opened, superseded);
    }

    private long insert(long runId, LocalDate businessDate, StockMismatch m, String candidateGroup,
                        String rulesVersion) {
        StockMismatch.OrderDifference first = m.firstOrder();
        String orderNo = first != null ? first.orderNo()
                : m.orders().isEmpty() ? null : m.orders().get(0).orderNo();
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO recon_discrepancy (run_id, type, rule_id, rules_version, basis, source, counter_source,
                    order_no, record_id, status, candidate_group)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?)""")
                .params(runId, TYPE, RULE, rulesVersion, Db.clip(m.basis(), 300), SOURCE,
                        first == null ? null : first.channel(), orderNo, first == null ? null : first.recordId(),
                        candidateGroup)
                .update(key, "id");
        long id = key.getKey().longValue();
        jdbc.sql("""
                INSERT INTO stock_mismatch (discrepancy_id, run_id, business_date, sku, location, sold_per_orders,
                    sold_per_movements, returned_per_orders, returned_per_movements, orders, interceptions)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, runId, businessDate, m.sku(), m.location(), m.soldPerOrders(), m.soldPerMovements(),
                        m.returnedPerOrders(), m.returnedPerMovements(), Db.clip(emptyToNull(m.ordersText()), 4000),
                        Db.clip(emptyToNull(String.join("\n", m.interceptions())), 2000))
                .update();
        return id;
    }

    /** The run's stock mismatches that stand (open or decided), oldest first. */
    List<Stored> ofRun(long runId) {
        return jdbc.sql(SELECT + " WHERE m.run_id = ? AND d.status <> 'SUPERSEDED' ORDER BY d.id")
                .param(runId).query(StockMismatchRepository::map).list();
    }

    /** The stock mismatches of a business date, whatever their run, superseded ones included, oldest first. */
    List<Stored> ofDate(LocalDate businessDate) {
        return jdbc.sql(SELECT + " WHERE m.business_date = ? ORDER BY d.id")
                .param(businessDate).query(StockMismatchRepository::map).list();
    }

    Optional<Stored> find(long discrepancyId) {
        return jdbc.sql(SELECT + " WHERE m.discrepancy_id = ?").param(discrepancyId)
                .query(StockMismatchRepository::map).optional();
    }

    private static final String SELECT = """
            SELECT m.discrepancy_id, m.run_id, m.business_date, d.status, m.sku, m.location, m.sold_per_orders,
                   m.sold_per_movements, m.returned_per_orders, m.returned_per_movements, d.order_no, m.orders,
                   m.interceptions
            FROM stock_mismatch m JOIN recon_discrepancy d ON d.id = m.discrepancy_id""";

    private static Stored map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Stored(rs.getLong("discrepancy_id"), rs.getLong("run_id"),
                rs.getObject("business_date", LocalDate.class), rs.getString("status"), rs.getString("sku"),
                rs.getString("location"), rs.getLong("sold_per_orders"), rs.getLong("sold_per_movements"),
                rs.getLong("returned_per_orders"), rs.getLong("returned_per_movements"), rs.getString("order_no"),
                rs.getString("orders"), rs.getString("interceptions"));
    }

    private static String identity(Stored s) {
        return s.sku() + "|" + s.location() + "|" + s.soldPerOrders() + "|" + s.soldPerMovements() + "|"
                + s.returnedPerOrders() + "|" + s.returnedPerMovements();
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
