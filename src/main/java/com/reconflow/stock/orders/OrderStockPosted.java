package com.reconflow.stock.orders;

import java.time.LocalDate;

/**
 * Published in the transaction that posts an import's last chunk of order lines: the import's sales are all in
 * the stock ledger now. Listeners that act on the posted stock listen after the commit
 * ({@code @TransactionalEventListener}), so they read what this transaction wrote.
 */
public record OrderStockPosted(long importId, LocalDate businessDate) {
}
