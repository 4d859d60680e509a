package com.reconflow.stock.sync;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.reconflow.config.Db;
import com.reconflow.stock.StockChanged;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The channels' outbox ({@code stock_channel_sync}): one row per channel and SKU with the latest figure to publish.
 *
 * <p>A row is due when {@code next_attempt_at} has come; a row with nothing left to push waits at {@link #IDLE}.
 * Claiming a row moves {@code next_attempt_at} to the end of the claim's lease, by a conditional {@code UPDATE},
 * so a row is pushed by one node at a time and taken over by another only when the lease has run out (the node
 * died). Every state change is a statement on the row alone: nothing is held in memory between pushes.
 */
@Component
public class ChannelOutbox {

    /** "Nothing to push": far after any real time, so that the due rows are a short range of the index. */
    static final LocalDateTime IDLE = LocalDateTime.of(9000, 1, 1, 0, 0);
    private static final String NODE = Db.clip(ManagementFactory.getRuntimeMXBean().getName(), 60);

    /** A claimed row: the figure to push and the claim that must still hold when its result is written. */
    public record Push(String channel, String sku, long available, long seq, Instant changedAt, int attempts,
                       String claim) {
    }

    private final JdbcClient jdbc;
    private final StockChannels channels;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ChannelOutbox(JdbcClient jdbc, StockChannels channels, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.channels = channels;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * In the movement's transaction: the new figure of every channel selling from the movement's location. The
     * movement holds its {@code stock_level} row until it commits, so the figures reach a channel's row in the
     * order the movements commit, and a crash loses both or neither.
     */
    @EventListener
    void stockChanged(StockChanged change) {
        if (change.before().available() == change.after().available()) {
            return;
        }
        Instant now = clock.instant();
        for (ChannelMapping channel : channels.sellingFrom(change.location())) {
            write(channel.channel(), change.sku(), channel.figure(change.after().available()), now, false);
        }
    }

    private static final String CHANGE = "UPDATE stock_channel_sync SET available = ?, seq = seq + 1, changed_at = ?, "
            // An idle row becomes due now; one waiting for a retry or being pushed keeps its time.
            + "next_attempt_at = CASE WHEN attempts = 0 AND claimed_by IS NULL AND next_attempt_at > ? THEN ? "
            + "ELSE next_attempt_at END WHERE channel = ? AND sku = ?";

    /** Sets the channel's figure; seq grows only when the figure changes, unless {@code force}. */
    private void write(String channel, String sku, long figure, Instant now, boolean force) {
        LocalDateTime at = Db.utc(now);
        int changed = jdbc.sql(force ? CHANGE : CHANGE + " AND available <> ?")
                .params(force ? List.of(figure, at, at, at, channel, sku) : List.of(figure, at, at, at, channel, sku, figure))
                .update();
        if (changed > 0) {
            return;
        }
        try {
            jdbc.sql("INSERT INTO stock_channel_sync (channel, sku, available, seq, changed_at, pushed_seq, attempts, "
                            + "next_attempt_at) VALUES (?, ?, ?, 1, ?, 0, 0, ?)")
                    .params(channel, sku, figure, at, at).update();
        } catch (DuplicateKeyException unchanged) {
            // The row is there and already holds this figure.
        }
    }

    /**
     * Claims up to {@code limit} due rows of a channel for {@code lease}. Rows another node claimed first are not
     * returned: the claim re-checks, row by row, that the row is still due.
     */
    public List<Push> claim(String channel, int limit, Duration lease) {
        Instant now = clock.instant();
        LocalDateTime at = Db.utc(now);
        List<String> due = jdbc.sql("SELECT sku FROM stock_channel_sync WHERE channel = ? AND next_attempt_at <= ? "
                        + "ORDER BY next_attempt_at LIMIT ?")
                .params(channel, at, limit).query(String.class).list();
        if (due.isEmpty()) {
            return List.of();
        }
        String claim = NODE + ":" + UUID.randomUUID();
        LocalDateTime until = Db.utc(now.plus(lease));
        // One transaction (one commit), a statement per row in SKU order: a claim waits only for rows of greater
        // SKUs than those it holds, as a reservation takes its SKUs in that order, and a movement holds the rows
        // of one SKU only, so claims and movements never wait for each other in a circle.
        List<String> ordered = due.stream().sorted().toList();
        int claimed = transactions.execute(tx -> {
            int n = 0;
            for (String sku : ordered) {
                n += jdbc.sql("UPDATE stock_channel_sync SET claimed_by = ?, claimed_until = ?, next_attempt_at = ? "
                                + "WHERE channel = ? AND sku = ? AND next_attempt_at <= ?")
                        .params(claim, until, until, channel, sku, at).update();
            }
            return n;
        });
        if (claimed == 0) {
            return List.of();
        }
        List<Object> params = new ArrayList<>(List.of(channel, claim));
        params.addAll(due);
        return jdbc.sql("SELECT sku, available, seq, changed_at, attempts FROM stock_channel_sync "
                        + "WHERE channel = ? AND claimed_by = ? AND sku IN ("
                        + String.join(", ", Collections.nCopies(due.size(), "?")) + ") ORDER BY sku")
                .params(params)
                .query((rs, n) -> new Push(channel, rs.getString(1), rs.getLong(2), rs.getLong(3),
                        Db.instant(rs.getObject(4, LocalDateTime.class)), rs.getInt(5), claim))
                .list();
    }

    /**
     * The channel took the figure: the row is idle again, or due at once when a newer figure came meanwhile.
     * False when the claim was lost (its lease ran out and another node took the row): nothing is written.
     */
    public boolean pushed(Push push) {
        LocalDateTime at = Db.utc(clock.instant());
        return jdbc.sql("UPDATE stock_channel_sync SET pushed_seq = ?, pushed_available = ?, pushed_at = ?, attempts = 0, "
                        + "last_error = NULL, claimed_by = NULL, claimed_until = NULL, "
                        + "next_attempt_at = CASE WHEN seq > ? THEN ? ELSE ? END "
                        + "WHERE channel = ? AND sku = ? AND claimed_by = ?")
                .params(push.seq(), push.available(), at, push.seq(), at, IDLE, push.channel(), push.sku(), push.claim())
                .update() == 1;
    }

    /** The push failed: tried again after {@code backoff}, with whatever figure is the latest then. */
    public boolean failed(Push push, String error, Duration backoff) {
        Instant now = clock.instant();
        return jdbc.sql("UPDATE stock_channel_sync SET attempts = attempts + 1, last_error = ?, claimed_by = NULL, "
                        + "claimed_until = NULL, next_attempt_at = ? WHERE channel = ? AND sku = ? AND claimed_by = ?")
                .params(Db.clip(error, 1000), Db.utc(now.plus(backoff)), push.channel(), push.sku(), push.claim())
                .update() == 1;
    }

    /**
     * Pushes every SKU the channel's location holds or held again, with its figure now (a channel that lost its
     * data, a new channel, a changed buffer). Each SKU in a transaction of its own that locks its stock row first,
     * as a movement does, so a movement committing meanwhile is never overwritten by an older figure.
     *
     * @return the number of SKUs queued
     */
    public int resync(String channel) {
        ChannelMapping mapping = channels.get(channel)
                .orElseThrow(() -> new IllegalArgumentException("no enabled channel " + channel));
        String location = mapping.config().location().strip();
        List<String> skus = jdbc.sql("SELECT sku FROM stock_level WHERE location = ? ORDER BY sku")
                .param(location).query(String.class).list();
        for (String sku : skus) {
            transactions.executeWithoutResult(tx -> {
                Optional<Long> available = jdbc.sql("SELECT on_hand - reserved FROM stock_level "
                                + "WHERE sku = ? AND location = ? FOR UPDATE")
                        .params(sku, location).query(Long.class).optional();
                available.ifPresent(a -> write(channel, sku, mapping.figure(a), clock.instant(), true));
            });
        }
        return skus.size();
    }

    /** Per enabled channel: how many SKUs it has, how many wait for a push, how many are failing, and the worst. */
    public List<Map<String, Object>> status(int failingShown) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (ChannelMapping mapping : channels.all()) {
            String channel = mapping.channel();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("channel", channel);
            json.put("location", mapping.config().location().strip());
            json.put("buffer", mapping.config().buffer());
            json.put("skus", count("channel = ?", channel));
            json.put("waiting", count("channel = ? AND seq > pushed_seq", channel));
            json.put("failing", count("channel = ? AND attempts > 0", channel));
            json.put("oldestWaitingSince", jdbc.sql("SELECT changed_at FROM stock_channel_sync "
                            + "WHERE channel = ? AND seq > pushed_seq ORDER BY changed_at LIMIT 1").param(channel)
                    .query((rs, n) -> Db.instant(rs.getObject(1, LocalDateTime.class)).toString())
                    .optional().orElse(null));
            json.put("failingSkus", jdbc.sql("SELECT sku, available, pushed_available, attempts, next_attempt_at, "
                            + "last_error FROM stock_channel_sync WHERE channel = ? AND attempts > 0 "
                            + "ORDER BY attempts DESC, sku LIMIT ?")
                    .params(channel, failingShown)
                    .query((rs, n) -> {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("sku", rs.getString(1));
                        row.put("available", rs.getLong(2));
                        row.put("pushedAvailable", rs.getObject(3, Long.class));
                        row.put("attempts", rs.getInt(4));
                        row.put("nextAttemptAt", Db.instant(rs.getObject(5, LocalDateTime.class)).toString());
                        row.put("lastError", rs.getString(6));
                        return row;
                    }).list());
            all.add(json);
        }
        return all;
    }

    private long count(String where, String channel) {
        return jdbc.sql("SELECT COUNT(*) FROM stock_channel_sync WHERE " + where).param(channel)
                .query(Long.class).single();
    }
}
