package com.reconflow.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import com.reconflow.config.Db;
import com.reconflow.config.Digests;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cost lists: imported whole or not at all, never changed afterwards, and read per SKU and date. A later list
 * overrides an earlier one only for the SKUs it names, from its own {@code validFrom} on.
 */
@Service
public class CostLists {

    /** The list as imported. */
    public record CostList(long id, String fileName, LocalDate validFrom, int skuCount) {
    }

    /** One SKU's unit cost on a date, and the list it comes from. */
    public record SkuCost(String sku, String unitCost, LocalDate validFrom, long costListId) {
    }

    /** The same bytes were imported before, as list {@code id}. */
    static final class DuplicateCostList extends RuntimeException {
        final long id;

        DuplicateCostList(long id) {
            super("the same cost list was imported before, as list " + id);
            this.id = id;
        }
    }

    /** Nothing was stored: {@code problems} says why, row by row. */
    static final class RejectedCostList extends RuntimeException {
        final List<CostListFile.Problem> problems;

        RejectedCostList(List<CostListFile.Problem> problems) {
            super(problems.size() + " problem(s) in the cost list");
            this.problems = problems;
        }
    }

    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    CostLists(JdbcClient jdbc, TransactionTemplate transactions, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.events = events;
    }

    /** Stores the list, all of it, or throws {@link RejectedCostList} / {@link DuplicateCostList}. */
    CostList importList(String fileName, byte[] bytes, LocalDate validFrom, String user) {
        String sha = Digests.sha256Hex(bytes);
        Optional<Long> earlier = listWithContent(sha);
        if (earlier.isPresent()) {
            throw new DuplicateCostList(earlier.get());
        }
        CostListFile.Content content = CostListFile.read(bytes);
        if (!content.problems().isEmpty()) {
            throw new RejectedCostList(content.problems());
        }
        LocalDate from = validFrom == null ? LocalDate.now(clock) : validFrom;
        try {
            return transactions.execute(status -> {
                CostList list = store(fileName, sha, from, content.costs(), user);
                events.publishEvent(new CostListImported(list.id(), list.validFrom()));
                return list;
            });
        } catch (DuplicateKeyException e) {
            // Another request stored the same bytes meanwhile: its list is the one.
            throw new DuplicateCostList(listWithContent(sha).orElseThrow(() -> e));
        }
    }

    private CostList store(String fileName, String sha, LocalDate validFrom, List<CostListFile.SkuCost> costs,
                           String user) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO recon_cost_list (file_name, content_sha256, valid_from, sku_count, imported_by, "
                        + "imported_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(Db.clip(fileName, 255), sha, validFrom, costs.size(), user, Db.utc(clock.instant()))
                .update(key, "id");
        long id = key.getKey().longValue();
        for (int start = 0; start < costs.size(); start += BATCH) {
            List<CostListFile.SkuCost> batch = costs.subList(start, Math.min(costs.size(), start + BATCH));
            StringBuilder sql = new StringBuilder(
                    "INSERT INTO recon_sku_cost (cost_list_id, sku, unit_cost, valid_from, line_no) VALUES ");
            Object[] params = new Object[batch.size() * 5];
            for (int i = 0; i < batch.size(); i++) {
                sql.append(i == 0 ? "(?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?)");
                CostListFile.SkuCost cost = batch.get(i);
                params[i * 5] = id;
                params[i * 5 + 1] = cost.sku();
                params[i * 5 + 2] = cost.unitCost();
                params[i * 5 + 3] = validFrom;
                params[i * 5 + 4] = cost.lineNo();
            }
            jdbc.sql(sql.toString()).params(params).update();
        }
        return new CostList(id, fileName, validFrom, costs.size());
    }

    /**
     * The SKU's unit cost on {@code date}: its row in the latest list valid that day (greatest valid-from,
     * then the list imported last). One index range (ix_sku_cost_sku), whatever the number of lists.
     */
    public Optional<SkuCost> costOn(String sku, LocalDate date) {
        return jdbc.sql("SELECT unit_cost, valid_from, cost_list_id FROM recon_sku_cost WHERE sku = ? AND valid_from <= ? "
                        + "ORDER BY valid_from DESC, cost_list_id DESC LIMIT 1")
                .params(sku, date)
                .query((rs, n) -> new SkuCost(sku, unitCost(rs.getBigDecimal(1)),
                        rs.getObject(2, LocalDate.class), rs.getLong(3)))
                .optional();
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    private Optional<Long> listWithContent(String sha) {
        return jdbc.sql("SELECT id FROM recon_cost_list WHERE content_sha256 = ?").param(sha).query(Long.class).optional();
    }

    /** Two decimals like all money, more only where the list gave them ({@code "0.035"}). */
    static String unitCost(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.setScale(Math.max(2, stripped.scale()), RoundingMode.UNNECESSARY).toPlainString();
    }
}
