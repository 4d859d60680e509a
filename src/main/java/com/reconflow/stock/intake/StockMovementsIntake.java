package com.reconflow.stock.intake;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.reconflow.ingest.RowError;
import com.reconflow.ingest.RowIntake;
import com.reconflow.ingest.format.ChannelFile;
import com.reconflow.ingest.format.PlainTable;
import com.reconflow.security.Groups;
import com.reconflow.stock.InsufficientStock;
import com.reconflow.stock.Movement;
import com.reconflow.stock.MovementRequest;
import com.reconflow.stock.MovementType;
import com.reconflow.stock.StockLedger;
import com.reconflow.stock.intake.StockMovementsFormat.BadRow;
import com.reconflow.stock.intake.StockMovementsFormat.Line;
import com.reconflow.stock.intake.StockMovementsFormat.LineType;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Posts a {@code stock-movements} file's rows to the stock ledger, one movement per row, in the file's order
 * and in the import's transaction: the file's movements commit together with its import or not at all.
 *
 * <p>Each row is posted within a savepoint: a row the ledger refuses (a sale or a transfer of more than is
 * available, an adjustment below zero) is undone alone and quarantined naming its line and 数量, while the
 * rows before and after it stand. A document line (单据号, 类型, SKU, 库位) is posted once: brought again by
 * another file it is counted as a duplicate, repeated within one file it is quarantined.
 */
@Component
class StockMovementsIntake implements RowIntake {

    private final StockLedger ledger;
    private final JdbcClient jdbc;
    private final TransactionTemplate savepoint;
    private final IdentityService identityService;

    StockMovementsIntake(StockLedger ledger, JdbcClient jdbc, PlatformTransactionManager transactionManager,
                         IdentityService identityService) {
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.identityService = identityService;
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    public String formatId() {
        return StockMovementsFormat.FORMAT_ID;
    }

    @Override
    public boolean recognises(ChannelFile file) {
        return StockMovementsFormat.recognises(PlainTable.header(file));
    }

    @Override
    public Taken take(Delivery delivery, ChannelFile file, Quarantine quarantine) {
        requireStockKeeper(delivery);
        var counts = new Object() {
            long accepted;
            long duplicate;
        };
        Map<LocalDate, Long> perDay = new HashMap<>();
        PlainTable.read(file, StockMovementsFormat.REQUIRED, new PlainTable.Rows() {
            @Override
            public void row(PlainTable.Row row) {
                Line line;
                try {
                    line = StockMovementsFormat.read(row, file.zone());
                } catch (BadRow bad) {
                    quarantine.reject(new RowError(row.line(), bad.field(), bad.getMessage(), row.raw()));
                    return;
                }
                Optional<RowError> refused = Optional.empty();
                Optional<Owner> owner = owner(line);
                if (owner.isEmpty()) {
                    try {
                        savepoint.executeWithoutResult(tx -> post(delivery, line));
                        counts.accepted++;
                        perDay.merge(line.occurredAt().atZone(file.zone()).toLocalDate(), 1L, Long::sum);
                        return;
                    } catch (InsufficientStock shortOf) {
                        refused = Optional.of(refusal(line, shortOf.shortLines().get(0)));
                    } catch (DuplicateKeyException postedMeanwhile) {
                        // Another import committed the same document line a moment ago.
                        owner = owner(line).or(() -> Optional.of(new Owner(-1, 0)));
                    }
                }
                if (refused.isPresent()) {
                    quarantine.reject(refused.get());
                } else if (owner.get().importId() == delivery.importId()) {
                    quarantine.reject(new RowError(line.lineNo(), null, "the same document line as line "
                            + owner.get().lineNo() + " of this file (" + line.documentNo() + ", " + line.type() + ", "
                            + line.sku() + ", " + line.location() + ")", line.raw()));
                } else {
                    counts.duplicate++;
                }
            }

            @Override
            public void reject(RowError error) {
                quarantine.reject(error);
            }

            @Override
            public void columns(int line, List<String> names) {
                quarantine.columns(line, names);
            }
        });
        return new Taken(counts.accepted, counts.duplicate, perDay);
    }

    /** Which import and line brought a document line. */
    private record Owner(long importId, int lineNo) {
    }

    private Optional<Owner> owner(Line line) {
        return jdbc.sql("SELECT import_id, line_no FROM stock_document_line "
                        + "WHERE document_no = ? AND type = ? AND sku = ? AND location = ?")
                .params(line.documentNo(), line.type().name(), line.sku(), line.location())
                .query((rs, n) -> new Owner(rs.getLong(1), rs.getInt(2))).optional();
    }

    /** Claims the document line first (a clash ends here, before any stock moves), then posts its movement. */
    private void post(Delivery delivery, Line line) {
        jdbc.sql("INSERT INTO stock_document_line (document_no, type, sku, location, quantity, counterpart_location, "
                        + "import_id, line_no) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(line.documentNo(), line.type().name(), line.sku(), line.location(), line.quantity(),
                        line.counterpart(), delivery.importId(), line.lineNo())
                .update();
        Optional<MovementRequest> request = request(delivery, line);
        if (request.isEmpty()) {
            return;
        }
        Movement movement = ledger.record(request.get());
        jdbc.sql("UPDATE stock_document_line SET movement_id = ? "
                        + "WHERE document_no = ? AND type = ? AND sku = ? AND location = ?")
                .params(movement.id(), line.documentNo(), line.type().name(), line.sku(), line.location())
                .update();
    }

    /** The movement a line posts; none for a stocktake that counted what the books say. */
    private Optional<MovementRequest> request(Delivery delivery, Line line) {
        MovementType type;
        long quantity;
        String note;
        if (line.type() == LineType.STOCKTAKE) {
            long books = onHandLocked(line.sku(), line.location());
            quantity = line.quantity() - books;
            if (quantity == 0) {
                return Optional.empty();
            }
            type = MovementType.ADJUSTMENT;
            note = "stocktake: counted " + line.quantity() + ", books " + books + join(line.note());
        } else {
            type = MovementType.valueOf(line.type().name());
            quantity = line.quantity();
            note = line.counterpart() == null ? line.note()
                    : (line.type() == LineType.TRANSFER_OUT ? "to " : "from ") + line.counterpart() + join(line.note());
        }
        return Optional.of(new MovementRequest(line.sku(), line.location(), type, quantity, line.documentNo(),
                line.orderNo(), null, null, delivery.importId(), line.lineNo(), delivery.importedBy(), note,
                line.occurredAt(), "import:" + delivery.importId() + ":line:" + line.lineNo()));
    }

    /**
     * On hand now, the SKU's row locked until the import commits, so no sale slips in between the reading and
     * the adjustment that brings the books to the count.
     */
    private long onHandLocked(String sku, String location) {
        return jdbc.sql("SELECT on_hand FROM stock_level WHERE sku = ? AND location = ? FOR UPDATE")
                .params(sku, location).query(Long.class).optional().orElse(0L);
    }

    private static String join(String note) {
        return note == null ? "" : "; " + note;
    }

    private static RowError refusal(Line line, InsufficientStock.ShortLine shortLine) {
        String at = line.sku() + " at " + line.location();
        String message = line.type() == LineType.SALE || line.type() == LineType.TRANSFER_OUT
                ? StockMovementsFormat.QUANTITY + " " + line.quantity() + " is more than is available of " + at
                  + " (" + shortLine.available() + ")"
                : StockMovementsFormat.QUANTITY + " " + line.quantity() + " would make on hand of " + at
                  + " negative (on hand " + shortLine.available() + ")";
        return new RowError(line.lineNo(), StockMovementsFormat.QUANTITY, message, line.raw());
    }

    /**
     * An upload moves stock only when its caller may: the same groups as {@code POST /api/stock/movements}.
     * Files of the inbox and SFTP come with no caller; they are the warehouse's own delivery.
     */
    private void requireStockKeeper(Delivery delivery) {
        Authentication caller = identityService.getCurrentAuthentication();
        if (caller != null && (caller.getGroupIds() == null
                || caller.getGroupIds().stream().noneMatch(Groups.STOCK_KEEPERS::contains))) {
            throw new AuthorizationException("file " + delivery.fileName() + " records stock movements, which "
                    + "need one of the groups " + Groups.STOCK_KEEPERS + "; " + caller.getUserId() + " has none");
        }
    }
}
