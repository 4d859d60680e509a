package com.reconflow.stock.reconciliation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.reconflow.config.Db;
import com.reconflow.review.DiscrepancyRepository;
import com.reconflow.stock.StockLocations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The daily stock reconciliation, run with the day's matching when the day's orders are posted to the stock
 * ledger by then, else as soon as they are: per SKU and location, what the orders say was sold and returned
 * against the stock movements recorded for the business date. Differences are kept as {@code STOCK_MISMATCH}
 * discrepancies and reviewed like any other.
 */
@Service
public class StockReconciliation {

    private static final Logger log = LoggerFactory.getLogger(StockReconciliation.class);

    private static final String ORDERS = """
            SELECT r.id, r.order_no, r.source, r.store, r.status, r.sku, r.quantity,
                   i.id AS interception_id, i.status AS interception_status, i.decision, i.decision_location
            FROM recon_record r LEFT JOIN stock_interception i ON i.record_id = r.id
            WHERE r.business_date = ? AND r.kind = 'ORDER' AND r.sku IS NOT NULL AND r.quantity IS NOT NULL""";
    private static final String MOVEMENTS = """
            SELECT id, sku, location, type, on_hand_change, order_no, reference FROM stock_movement
            WHERE business_date = ? AND type IN ('SALE', 'RESERVED_SALE', 'RETURN')""";

    private static final String TRACKED = """
            SELECT sku, location FROM stock_level WHERE sku IN (
                SELECT sku FROM recon_record WHERE business_date = ? AND kind = 'ORDER' AND sku IS NOT NULL
                UNION SELECT sku FROM stock_movement WHERE business_date = ?)""";

    private final JdbcTemplate jdbc;
    private final StockLocations locations;
    private final StockMismatchRepository mismatches;

    StockReconciliation(JdbcTemplate jdbc, StockLocations locations, StockMismatchRepository mismatches) {
        this.jdbc = jdbc;
        this.locations = locations;
        this.mismatches = mismatches;
    }

    /**
     * How many imports of the date still have order lines to post to the stock ledger (their stock-posting job
     * has not finished). Until they are posted, the day's sales per the movements are incomplete, and comparing
     * them with the orders would raise differences that are none: the run matches its payments without the
     * stock, and compares the stock when the last of them is posted ({@link
     * com.reconflow.stock.orders.OrderStockPosted}).
     */
    public long importsAwaitingStockPosting(LocalDate businessDate) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM stock_order_posting p JOIN recon_import i "
                + "ON i.id = p.import_id WHERE i.business_date = ? AND p.status <> 'DONE'", Long.class, businessDate);
        return count == null ? 0 : count;
    }

    /** What the day's orders and stock movements disagree about, by SKU then location. */
    @Transactional(readOnly = true)
    public List<StockMismatch> compare(LocalDate businessDate) {
        // Only the SKUs the day's orders or movements name: a retailer's whole catalogue at every store is not read.
        Set<String> kept = new HashSet<>();
        jdbc.query(TRACKED, rs -> {
            kept.add(rs.getString(1) + '\u0000' + rs.getString(2));
        }, businessDate, businessDate);
        if (kept.isEmpty()) {
            return List.of();
        }
        List<StockComparison.OrderLine> orders = new ArrayList<>();
        int[] unlocated = {0};
        jdbc.query(c -> {
            var statement = Db.streaming(c, ORDERS);
            statement.setObject(1, businessDate);
            return statement;
        }, rs -> {
            StockComparison.OrderLine line = order(rs);
            if (line.location() == null && line.interception() == null) {
                unlocated[0]++;
            } else if (line.interception() != null || kept.contains(line.sku() + '\u0000' + line.location())) {
                // Held only if comparable: orders of SKUs and locations the ledger does not keep stop here.
                orders.add(line);
            }
        });
        List<StockComparison.MovementLine> movements = jdbc.query(c -> {
            var statement = Db.streaming(c, MOVEMENTS);
            statement.setObject(1, businessDate);
            return statement;
        }, (rs, n) -> new StockComparison.MovementLine(rs.getLong("id"), rs.getString("sku"), rs.getString("location"),
                rs.getString("type"), Math.abs(rs.getLong("on_hand_change")), rs.getString("order_no"),
                rs.getString("reference")));
        if (unlocated[0] > 0) {
            log.info("Stock reconciliation of {}: {} orders have no location (channel without fulfilment location, "
                    + "or a POS order without store) and are not compared", businessDate, unlocated[0]);
        }
        return StockComparison.compare(orders, movements, (sku, location) -> kept.contains(sku + '\u0000' + location));
    }

    /**
     * Compares the run's day and keeps what it finds as the run's STOCK_MISMATCH discrepancies: a new finding
     * opens one, an open one no longer found is superseded, decided ones stay. The caller holds the run's lock.
     */
    @Transactional
    public DiscrepancyRepository.Kept keep(long runId, LocalDate businessDate, String candidateGroup,
                                           String rulesVersion, Instant now) {
        List<StockMismatch> found = compare(businessDate);
        DiscrepancyRepository.Kept kept = mismatches.keep(runId, businessDate, found, candidateGroup, rulesVersion, now);
        if (!found.isEmpty() || !kept.superseded().isEmpty()) {
            log.info("Stock reconciliation of {} (run #{}): {} mismatches, {} opened, {} superseded", businessDate,
                    runId, found.size(), kept.opened().size(), kept.superseded().size());
        }
        return kept;
    }

    private StockComparison.OrderLine order(ResultSet rs) throws SQLException {
        long interceptionId = rs.getLong("interception_id");
        StockComparison.Interception interception = rs.wasNull() ? null : new StockComparison.Interception(
                interceptionId, rs.getString("interception_status"), rs.getString("decision"),
                rs.getString("decision_location"));
        String channel = rs.getString("source");
        return new StockComparison.OrderLine(rs.getLong("id"), rs.getString("order_no"), channel, rs.getString("sku"),
                locations.ofOrder(channel, rs.getString("store")).orElse(null), rs.getString("status"),
                rs.getLong("quantity"), interception);
    }
}
