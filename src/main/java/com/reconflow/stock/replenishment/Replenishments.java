package com.reconflow.stock.replenishment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.reconflow.config.AsSystem;
import com.reconflow.config.Db;
import com.reconflow.cost.CostLists;
import com.reconflow.stock.StockFigure;
import com.reconflow.stock.StockLedger;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Replenishment cases: opened when a SKU's availability at a location reaches its threshold (one open case per
 * SKU and location, held by the database), filled with the reorder suggestion, priced, and ended in a purchase
 * request or dismissed. Each step is called by the {@code replenishment} process.
 */
@Service
public class Replenishments {

    /** A case as stored. */
    public record Replenishment(long id, String sku, String location, String status, Long movementId,
                                long threshold, long availableThen, BigDecimal velocity, Long suggestedQuantity,
                                Long quantity, String supplier, BigDecimal unitCost, BigDecimal purchaseValue,
                                String requestedBy, String approvedBy, String processInstanceId, Instant createdAt,
                                Instant closedAt) {
    }

    /** A purchase request as stored; {@code unitCost} and {@code purchaseValue} are null when the cost was unknown. */
    public record PurchaseRequest(long id, long replenishmentId, String sku, String location, String supplier,
                                  long quantity, BigDecimal unitCost, BigDecimal purchaseValue,
                                  boolean approvalRequired, String requestedBy, String approvedBy, Instant createdAt) {
    }

    private static final Logger log = LoggerFactory.getLogger(Replenishments.class);

    private static final String COLUMNS = "id, sku, location, status, movement_id, threshold, available_then, velocity, "
            + "suggested_quantity, quantity, supplier, unit_cost, purchase_value, requested_by, approved_by, "
            + "process_instance_id, created_at, closed_at";
    private static final String REQUEST_COLUMNS = "id, replenishment_id, sku, location, supplier, quantity, unit_cost, "
            + "purchase_value, approval_required, requested_by, approved_by, created_at";

    private final JdbcClient jdbc;
    private final StockLedger ledger;
    private final Thresholds thresholds;
    private final CostLists costs;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final ReorderPolicy policy;
    private final Clock clock;

    Replenishments(JdbcClient jdbc, StockLedger ledger, Thresholds thresholds, CostLists costs,
                   RuntimeService runtimeService, IdentityService identityService, ReplenishmentProperties properties,
                   Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.thresholds = thresholds;
        this.costs = costs;
        this.runtimeService = runtimeService;
        this.identityService = identityService;
        this.policy = new ReorderPolicy(properties.velocityDays(), properties.coverDays());
        this.clock = clock;
    }

    /**
     * Opens a case and starts its process, in the caller's transaction, unless one is open for the SKU and
     * location. The unique open_key decides, so two nodes or two concurrent movements never open two: the
     * second insert waits for the first transaction and then finds the key taken.
     *
     * @return the new case's id, empty when one was open already
     */
    @Transactional
    public Optional<Long> openIfNone(String sku, String location, Long movementId, long threshold, long available) {
        String key = ReplenishmentVariables.businessKey(sku, location);
        if (openCase(key).isPresent()) {
            return Optional.empty();
        }
        var id = new GeneratedKeyHolder();
        try {
            jdbc.sql("INSERT INTO stock_replenishment (sku, location, open_key, status, movement_id, threshold, "
                            + "available_then, created_at) VALUES (?, ?, ?, 'OPEN', ?, ?, ?, ?)")
                    .params(sku, location, key, movementId, threshold, available, Db.utc(clock.instant()))
                    .update(id, "id");
        } catch (DuplicateKeyException openedMeanwhile) {
            log.debug("A replenishment of {} was opened meanwhile", key);
            return Optional.empty();
        }
        long caseId = id.getKey().longValue();
        // ReconFlow's own doing: whoever recorded the movement needs no right to this process.
        ProcessInstance process = AsSystem.call(identityService, () -> runtimeService.startProcessInstanceByKey(
                ReplenishmentVariables.PROCESS_KEY, key, Map.of(ReplenishmentVariables.REPLENISHMENT_ID, caseId,
                        ReplenishmentVariables.SKU, sku, ReplenishmentVariables.LOCATION, location)));
        jdbc.sql("UPDATE stock_replenishment SET process_instance_id = ? WHERE id = ?")
                .params(process.getId(), caseId).update();
        log.info("Replenishment #{} of {} opened: available {} at threshold {}", caseId, key, available, threshold);
        return Optional.of(caseId);
    }

    /**
     * Stores thresholds, all or none. A threshold that now puts a SKU's availability at or below its reorder point
     * (and did not before) opens a case, as a movement crossing it would; SKUs never stocked at the location are
     * only recorded.
     *
     * @return the cases opened
     */
    @Transactional
    public List<Long> setThresholds(List<Thresholds.Threshold> given, String user) {
        List<Long> opened = new java.util.ArrayList<>();
        for (Thresholds.Threshold threshold : given) {
            Optional<Thresholds.Threshold> before = thresholds.of(threshold.sku(), threshold.location());
            thresholds.put(threshold, user);
            Optional<StockFigure> figure = ledger.figures(threshold.sku()).stream()
                    .filter(f -> f.location().equals(threshold.location())).findFirst();
            if (figure.isEmpty()) {
                continue;
            }
            long available = figure.get().available();
            boolean wasAbove = before.map(b -> available > b.threshold()).orElse(true);
            if (wasAbove && available <= threshold.threshold()) {
                openIfNone(threshold.sku(), threshold.location(), null, threshold.threshold(), available)
                        .ifPresent(opened::add);
            }
        }
        return opened;
    }

    /** The reorder suggestion as of now, stored on the case and returned as the variables purchasing's form shows. */
    @Transactional
    public Map<String, Object> prepare(long id) {
        Replenishment open = require(id);
        StockFigure figure = ledger.figure(open.sku(), open.location());
        Thresholds.Threshold threshold = thresholds.of(open.sku(), open.location())
                .orElse(new Thresholds.Threshold(open.sku(), open.location(), open.threshold(), 0, null, false));
        long sold = soldSince(open.sku(), open.location(), clock.instant().minus(Duration.ofDays(policy.velocityDays())));
        BigDecimal velocity = policy.velocity(sold);
        long suggested = policy.suggestedQuantity(velocity, threshold.leadTimeDays(), threshold.threshold(),
                figure.available());
        jdbc.sql("UPDATE stock_replenishment SET velocity = ?, suggested_quantity = ?, supplier = ? WHERE id = ?")
                .params(velocity, suggested, threshold.supplier(), id).update();

        Map<String, Object> variables = new HashMap<>();
        variables.put(ReplenishmentVariables.ON_HAND, figure.onHand());
        variables.put(ReplenishmentVariables.AVAILABLE, figure.available());
        variables.put(ReplenishmentVariables.THRESHOLD, threshold.threshold());
        variables.put(ReplenishmentVariables.VELOCITY, velocity.toPlainString());
        variables.put(ReplenishmentVariables.VELOCITY_DAYS, policy.velocityDays());
        variables.put(ReplenishmentVariables.LEAD_TIME_DAYS, threshold.leadTimeDays());
        variables.put(ReplenishmentVariables.COVER_DAYS, policy.coverDays());
        variables.put(ReplenishmentVariables.SUGGESTED_QUANTITY, suggested);
        variables.put(ReplenishmentVariables.QUANTITY, suggested);
        variables.put(ReplenishmentVariables.SUPPLIER, threshold.supplier());
        variables.put(ReplenishmentVariables.TASK_TITLE, "Replenish " + open.sku() + " @ " + open.location()
                + " · available " + figure.available() + " ≤ " + threshold.threshold() + " · suggest " + suggested);
        return variables;
    }

    /** Units sold at the location since {@code since}: sales and reserved sales (returns are not netted). */
    long soldSince(String sku, String location, Instant since) {
        return jdbc.sql("SELECT COALESCE(SUM(-on_hand_change), 0) FROM stock_movement WHERE sku = ? AND location = ? "
                        + "AND type IN ('SALE', 'RESERVED_SALE') AND occurred_at >= ?")
                .params(sku, location, Db.utc(since)).query(Long.class).single();
    }

    /** Purchasing asked for {@code quantity} from {@code supplier}. */
    void requested(long id, long quantity, String supplier, String user) {
        jdbc.sql("UPDATE stock_replenishment SET quantity = ?, supplier = ?, requested_by = ?, approved_by = NULL "
                        + "WHERE id = ?")
                .params(quantity, supplier, user, id).update();
    }

    /**
     * What the order is worth at today's unit cost (the latest cost list valid today). An unknown cost leaves the
     * value unknown: {@code costKnown} false, which the decision table sends to a finance manager.
     */
    Map<String, Object> assessValue(long id, long quantity) {
        Replenishment open = require(id);
        Optional<CostLists.SkuCost> cost = costs.costOn(open.sku(), LocalDate.now(clock));
        BigDecimal unitCost = cost.map(c -> new BigDecimal(c.unitCost())).orElse(null);
        BigDecimal value = unitCost == null ? null
                : unitCost.multiply(BigDecimal.valueOf(quantity)).setScale(2, RoundingMode.HALF_UP);
        jdbc.sql("UPDATE stock_replenishment SET unit_cost = ?, purchase_value = ? WHERE id = ?")
                .params(unitCost, value, id).update();
        Map<String, Object> variables = new HashMap<>();
        variables.put(ReplenishmentVariables.UNIT_COST, unitCost == null ? null : cost.get().unitCost());
        variables.put(ReplenishmentVariables.PURCHASE_VALUE, value == null ? null : value.toPlainString());
        variables.put(ReplenishmentVariables.COST_KNOWN, value != null);
        variables.put(ReplenishmentVariables.VALUE_FOR_DECISION, value == null ? 0d : value.doubleValue());
        return variables;
    }

    void approved(long id, String user) {
        jdbc.sql("UPDATE stock_replenishment SET approved_by = ? WHERE id = ?").params(user, id).update();
    }

    /** The purchase request of the case, made once: a retried job finds it and makes no second. */
    @Transactional
    public long purchaseRequest(long id, boolean approvalRequired) {
        Optional<Long> earlier = jdbc.sql("SELECT id FROM stock_purchase_request WHERE replenishment_id = ?")
                .param(id).query(Long.class).optional();
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Replenishment ordered = require(id);
        if (ordered.quantity() == null || ordered.supplier() == null || ordered.requestedBy() == null) {
            throw new IllegalStateException("replenishment #" + id + " has no quantity, supplier or requester");
        }
        if (approvalRequired && ordered.approvedBy() == null) {
            throw new IllegalStateException("replenishment #" + id + " needs a finance manager's approval first");
        }
        var key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO stock_purchase_request (replenishment_id, sku, location, supplier, quantity, unit_cost, "
                        + "purchase_value, approval_required, requested_by, approved_by, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, ordered.sku(), ordered.location(), ordered.supplier(), ordered.quantity(),
                        ordered.unitCost(), ordered.purchaseValue(), approvalRequired, ordered.requestedBy(),
                        approvalRequired ? ordered.approvedBy() : null, Db.utc(clock.instant()))
                .update(key, "id");
        jdbc.sql("UPDATE stock_replenishment SET status = 'ORDERED' WHERE id = ?").param(id).update();
        return key.getKey().longValue();
    }

    /**
     * The process ended, however (ordered, dismissed, or deleted): the SKU and location are free for a new case.
     */
    void closed(long id, boolean dismissed) {
        jdbc.sql("UPDATE stock_replenishment SET open_key = NULL, closed_at = ?, "
                        + "status = CASE WHEN status = 'OPEN' THEN ? ELSE status END WHERE id = ?")
                .params(Db.utc(clock.instant()), dismissed ? "DISMISSED" : "CANCELLED", id).update();
    }

    public Optional<Replenishment> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM stock_replenishment WHERE id = ?").param(id)
                .query(Replenishments::replenishment).optional();
    }

    /** The cases of a SKU (and location), or of a status, newest first. */
    public List<Replenishment> list(String sku, String location, String status, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM stock_replenishment WHERE 1 = 1");
        List<Object> params = new java.util.ArrayList<>();
        if (sku != null) {
            sql.append(" AND sku = ?");
            params.add(sku);
        }
        if (location != null) {
            sql.append(" AND location = ?");
            params.add(location);
        }
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(Replenishments::replenishment).list();
    }

    public Optional<PurchaseRequest> purchaseRequest(long id) {
        return jdbc.sql("SELECT " + REQUEST_COLUMNS + " FROM stock_purchase_request WHERE id = ?").param(id)
                .query(Replenishments::request).optional();
    }

    /** Purchase requests made from {@code from} (inclusive) to {@code to} (exclusive), oldest first. */
    public List<PurchaseRequest> purchaseRequests(Instant from, Instant to, int limit) {
        return jdbc.sql("SELECT " + REQUEST_COLUMNS + " FROM stock_purchase_request WHERE created_at >= ? "
                        + "AND created_at < ? ORDER BY id LIMIT ?")
                .params(Db.utc(from), Db.utc(to), limit).query(Replenishments::request).list();
    }

    private Optional<Long> openCase(String key) {
        return jdbc.sql("SELECT id FROM stock_replenishment WHERE open_key = ?").param(key).query(Long.class).optional();
    }

    Replenishment require(long id) {
        return find(id).orElseThrow(() -> new IllegalStateException("no replenishment #" + id));
    }

    private static Replenishment replenishment(ResultSet rs, int row) throws SQLException {
        return new Replenishment(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getObject(5, Long.class), rs.getLong(6), rs.getLong(7), rs.getBigDecimal(8),
                rs.getObject(9, Long.class), rs.getObject(10, Long.class), rs.getString(11), rs.getBigDecimal(12),
                rs.getBigDecimal(13), rs.getString(14), rs.getString(15), rs.getString(16),
                Db.instant(rs.getObject(17, LocalDateTime.class)), Db.instant(rs.getObject(18, LocalDateTime.class)));
    }

    private static PurchaseRequest request(ResultSet rs, int row) throws SQLException {
        return new PurchaseRequest(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBoolean(9), rs.getString(10),
                rs.getString(11), Db.instant(rs.getObject(12, LocalDateTime.class)));
    }
}
