package com.reconflow.stock.orders;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.reconflow.config.AsSystem;
import com.reconflow.config.TaskActor;
import com.reconflow.stock.StockFigure;
import com.reconflow.stock.StockLocations;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Posts the stock movements of an import's order lines, a chunk per transaction: a sold line (PAID, REFUNDED,
 * PARTIALLY_REFUNDED) is a sale at its location, taken from the order's reservation there as far as that goes;
 * a cancelled line gives its reservation back. A sale that does not fit is not posted: it is intercepted and an
 * {@code oversell-review} case asks operations what to do.
 *
 * <p>Only SKUs under stock control at the location are posted, i.e. those the ledger has a figure for (a
 * receipt, stocktake or reservation was recorded there once): an article no one counts there would otherwise
 * turn every order into an oversold one ({@code recon.stock.orders.only-tracked=false} wants exactly that).
 * Lines without a location, SKU or quantity are counted, not posted.
 */
@Service
@EnableConfigurationProperties(OrderStockProperties.class)
public class OrderStockPosting {

    private static final Logger log = LoggerFactory.getLogger(OrderStockPosting.class);

    private final OrderPostings postings;
    private final OrderMovements movements;
    private final Interceptions interceptions;
    private final StockLocations locations;
    private final OrderStockProperties properties;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final Clock clock;
    private final ApplicationEventPublisher publisher;

    OrderStockPosting(OrderPostings postings, OrderMovements movements, Interceptions interceptions,
                      StockLocations locations, OrderStockProperties properties, RuntimeService runtimeService,
                      IdentityService identityService, Clock clock, ApplicationEventPublisher publisher) {
        this.postings = postings;
        this.movements = movements;
        this.interceptions = interceptions;
        this.locations = locations;
        this.properties = properties;
        this.runtimeService = runtimeService;
        this.identityService = identityService;
        this.clock = clock;
        this.publisher = publisher;
    }

    public Optional<OrderPosting> posting(long importId) {
        return postings.find(importId);
    }

    /**
     * Posts the next chunk of the import's order lines and notes how far it got, in one transaction; a crash or
     * a failure leaves nothing of the chunk, and the job does it again. Returns whether lines are left.
     */
    @Transactional
    public boolean postNextChunk(long importId) {
        OrderPosting posting = postings.lock(importId)
                .orElseThrow(() -> new IllegalStateException("no stock posting was requested for import #" + importId));
        if (OrderPosting.DONE.equals(posting.status())) {
            return false;
        }
        int chunk = properties.chunkSize();
        List<OrderLine> lines = movements.linesOfImport(importId, posting.lastRecordId(), chunk);
        OrderPosting.Tally tally = new OrderPosting.Tally();
        long last = posting.lastRecordId();
        for (OrderLine line : lines) {
            last = Math.max(last, line.recordId());
        }
        // Rows are locked by SKU, then location, as reservations take them, so posting and reserving never wait
        // for each other in a circle; within a SKU and location, the earlier order takes the stock first.
        lines.stream()
                .sorted(Comparator.comparing((OrderLine l) -> l.sku() == null ? "" : l.sku())
                        .thenComparing(l -> locations.ofOrder(l.channel(), l.store()).orElse(""))
                        .thenComparing(l -> l.occurredAt() == null ? Instant.MIN : l.occurredAt())
                        .thenComparingLong(OrderLine::recordId))
                .forEach(line -> post(line, tally));
        boolean done = lines.size() < chunk;
        postings.advance(importId, last, tally, done, clock.instant());
        if (done) {
            postings.find(importId).ifPresent(p -> log.info("Stock of import #{} posted: {} order lines sold, {} "
                            + "intercepted as oversold, {} cancelled, {} without a location, {} of SKUs not under "
                            + "stock control there, {} without article or stock effect", importId, p.posted(),
                    p.intercepted(), p.cancelled(), p.unlocated(), p.untracked(), p.skipped()));
            // The day's run compares its stock once the day's orders are all posted: told after this commits.
            postings.businessDate(importId)
                    .ifPresent(date -> publisher.publishEvent(new OrderStockPosted(importId, date)));
        }
        return !done;
    }

    private void post(OrderLine line, OrderPosting.Tally tally) {
        if (!line.hasArticle() || !(line.sold() || line.cancelled())) {
            tally.skipped++;
            return;
        }
        Optional<String> location = locations.ofOrder(line.channel(), line.store());
        if (location.isEmpty()) {
            log.debug("Order {} of {} (record #{}) has no location to take its goods from", line.orderNo(),
                    line.channel(), line.recordId());
            tally.unlocated++;
            return;
        }
        String at = location.get();
        Optional<StockFigure> figure = movements.lockFigure(line.sku(), at);
        if (figure.isEmpty()) {
            if (properties.onlyTracked()) {
                tally.untracked++;
                return;
            }
            figure = Optional.of(new StockFigure(line.sku(), at, 0, 0));
        }
        // Under the row's lock: a chunk done again (or a second posting racing this one) finds what was done.
        if (movements.moved(line) || interceptions.existsForRecord(line.recordId())) {
            return;
        }
        Optional<OrderMovements.ReservedLine> reserved = movements.reserved(line, at);
        if (line.cancelled()) {
            reserved.ifPresent(r -> movements.release(line, at, r, TaskActor.SYSTEM, "order cancelled"));
            tally.cancelled++;
        } else if (OrderMovements.fits(line.quantity(), figure.get(), reserved)) {
            movements.sell(line, at, reserved, false, TaskActor.SYSTEM, "order " + line.status());
            tally.posted++;
        } else {
            intercept(line, at, OrderMovements.availableTo(line.quantity(), figure.get(), reserved));
            tally.intercepted++;
        }
    }

    private void intercept(OrderLine line, String location, long available) {
        long id = interceptions.open(line.recordId(), line.orderNo(), line.channel(), line.sku(), location,
                line.quantity(), available, line.businessDate(), clock.instant());
        String processInstanceId = AsSystem.call(identityService, () -> runtimeService.startProcessInstanceByKey(
                OversellReview.PROCESS, line.orderNo(), Map.of(OversellReview.INTERCEPTION_ID, id)).getId());
        interceptions.linkProcess(id, processInstanceId);
        log.info("Order {} of {} oversold: {} × {} at {}, {} available; interception #{} waits for operations",
                line.orderNo(), line.channel(), line.quantity(), line.sku(), location, available, id);
    }
}
