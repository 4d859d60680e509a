package com.reconflow.stock.replenishment;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import com.reconflow.config.Db;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reorder points per SKU and location: their own row, else the configured default, else none (not watched). */
@Service
@EnableConfigurationProperties(ReplenishmentProperties.class)
public class Thresholds {

    /** A SKU's reorder point at a location; {@code own} is false when it is the configured default. */
    public record Threshold(String sku, String location, long threshold, int leadTimeDays, String supplier,
                            boolean own) {
    }

    private final JdbcClient jdbc;
    private final ReplenishmentProperties properties;
    private final Clock clock;

    Thresholds(JdbcClient jdbc, ReplenishmentProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** The threshold in force, empty when the SKU has none and no default is configured. */
    public Optional<Threshold> of(String sku, String location) {
        Optional<Threshold> own = own(sku, location);
        if (own.isPresent() || properties.defaultThreshold() == null) {
            return own;
        }
        return Optional.of(new Threshold(sku, location, properties.defaultThreshold(),
                properties.defaultLeadTimeDays(), properties.defaultSupplier(), false));
    }

    Optional<Threshold> own(String sku, String location) {
        return jdbc.sql("SELECT sku, location, threshold, lead_time_days, supplier FROM stock_threshold "
                        + "WHERE sku = ? AND location = ?")
                .params(sku, location).query(this::threshold).optional();
    }

    List<Threshold> list(String sku, String location, int limit) {
        StringBuilder sql = new StringBuilder("SELECT sku, location, threshold, lead_time_days, supplier "
                + "FROM stock_threshold WHERE 1 = 1");
        List<Object> params = new java.util.ArrayList<>();
        if (sku != null) {
            sql.append(" AND sku = ?");
            params.add(sku);
        }
        if (location != null) {
            sql.append(" AND location = ?");
            params.add(location);
        }
        sql.append(" ORDER BY sku, location LIMIT ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(this::threshold).list();
    }

    /** Stores one threshold, replacing the SKU's earlier one at that location; returns the earlier one. */
    Optional<Threshold> put(Threshold given, String user) {
        // A threshold naming no lead time (-1) takes the configured default.
        Threshold threshold = given.leadTimeDays() >= 0 ? given : new Threshold(given.sku(), given.location(),
                given.threshold(), properties.defaultLeadTimeDays(), given.supplier(), true);
        Optional<Threshold> earlier = own(threshold.sku(), threshold.location());
        var now = Db.utc(clock.instant());
        int updated = jdbc.sql("UPDATE stock_threshold SET threshold = ?, lead_time_days = ?, supplier = ?, "
                        + "updated_by = ?, updated_at = ? WHERE sku = ? AND location = ?")
                .params(threshold.threshold(), threshold.leadTimeDays(), threshold.supplier(), user, now,
                        threshold.sku(), threshold.location()).update();
        if (updated == 0) {
            try {
                jdbc.sql("INSERT INTO stock_threshold (sku, location, threshold, lead_time_days, supplier, updated_by, "
                                + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                        .params(threshold.sku(), threshold.location(), threshold.threshold(), threshold.leadTimeDays(),
                                threshold.supplier(), user, now).update();
            } catch (DuplicateKeyException madeMeanwhile) {
                // Another request stored one first: ours is the later word.
                return put(given, user);
            }
        }
        return earlier;
    }

    private Threshold threshold(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        String supplier = rs.getString(5);
        return new Threshold(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getInt(4),
                supplier == null ? properties.defaultSupplier() : supplier, true);
    }
}
