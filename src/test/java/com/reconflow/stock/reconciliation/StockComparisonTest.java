package com.reconflow.stock.reconciliation;

import java.util.List;

import com.reconflow.stock.reconciliation.StockComparison.Interception;
import com.reconflow.stock.reconciliation.StockComparison.MovementLine;
import com.reconflow.stock.reconciliation.StockComparison.OrderLine;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The comparison's rules, each on a small day of its own. */
class StockComparisonTest {

    private static final String SKU = "SP0001";

    private static OrderLine order(long id, String orderNo, String status, long quantity, String location,
                                   Interception interception) {
        return new OrderLine(id, orderNo, "jd", SKU, location, status, quantity, interception);
    }

    private static MovementLine movement(long id, String type, long quantity, String orderNo, String location) {
        return new MovementLine(id, SKU, location, type, quantity, orderNo, null);
    }

    private static List<StockMismatch> compare(List<OrderLine> orders, List<MovementLine> movements) {
        return StockComparison.compare(orders, movements, (sku, location) -> true);
    }

    @Test
    void soldAndReturnedGoodsThatAgreeMakeNoMismatch() {
        assertThat(compare(List.of(order(1, "A", "PAID", 2, "WH", null), order(2, "B", "REFUNDED", 1, "WH", null),
                        order(3, "C", "PARTIALLY_REFUNDED", 3, "WH", null), order(4, "D", "CANCELLED", 5, "WH", null)),
                List.of(movement(11, "SALE", 2, "A", "WH"), movement(12, "RESERVED_SALE", 1, "B", "WH"),
                        movement(13, "RETURN", 1, "B", "WH"), movement(14, "SALE", 3, "C", "WH")))).isEmpty();
    }

    @Test
    void aRefundWithoutItsReturnIsAMismatchNamingTheOrder() {
        List<StockMismatch> found = compare(List.of(order(1, "A", "PAID", 2, "WH", null),
                order(2, "B", "REFUNDED", 1, "WH", null)), List.of(movement(11, "SALE", 2, "A", "WH"),
                movement(12, "SALE", 1, "B", "WH")));
        assertThat(found).singleElement().satisfies(m -> {
            assertThat(List.of(m.soldPerOrders(), m.soldPerMovements(), m.returnedPerOrders(), m.returnedPerMovements()))
                    .containsExactly(3L, 3L, 1L, 0L);
            assertThat(m.orders()).extracting(StockMismatch.OrderDifference::orderNo).containsExactly("B");
            assertThat(m.firstOrder().recordId()).isEqualTo(2L);
        });
    }

    @Test
    void aSaleWithoutOrderIsAMismatchWithoutARecord() {
        List<StockMismatch> found = compare(List.of(), List.of(movement(11, "SALE", 2, null, "S001")));
        assertThat(found).singleElement().satisfies(m -> {
            assertThat(m.soldPerMovements()).isEqualTo(2);
            assertThat(m.firstOrder()).isNull();
            assertThat(m.ordersText()).contains("movement #11 SALE 2 without an order");
        });
    }

    @Test
    void anOpenInterceptionIsPendingNotAMismatch() {
        assertThat(compare(List.of(order(1, "A", "PAID", 2, "WH", new Interception(7, "OPEN", null, null))),
                List.of())).isEmpty();
    }

    @Test
    void aCancelledInterceptionExpectsNoSaleAndNoReturnAndIsNamedWhenGoodsComeBackAnyway() {
        Interception cancelled = new Interception(7, "DECIDED", "CANCEL", null);
        assertThat(compare(List.of(order(1, "A", "REFUNDED", 2, "WH", cancelled)), List.of())).isEmpty();
        List<StockMismatch> found = compare(List.of(order(1, "A", "REFUNDED", 2, "WH", cancelled)),
                List.of(movement(11, "RETURN", 2, "A", "WH")));
        assertThat(found).singleElement().satisfies(m -> {
            assertThat(m.returnedPerMovements()).isEqualTo(2);
            assertThat(m.returnedPerOrders()).isZero();
            assertThat(m.interceptions()).containsExactly("interception #7 of order A (jd, 2): CANCEL, order REFUNDED");
            assertThat(m.firstOrder().orderNo()).isEqualTo("A");
        });
    }

    @Test
    void anAllocatedOrderCountsWhereItWasServedFrom() {
        Interception allocated = new Interception(8, "DECIDED", "ALLOCATE", "WH-WEST");
        assertThat(compare(List.of(order(1, "A", "PAID", 2, "WH-EAST", allocated)),
                List.of(movement(11, "SALE", 2, "A", "WH-WEST")))).isEmpty();
        assertThat(compare(List.of(order(1, "A", "PAID", 2, "WH-EAST", allocated)),
                List.of(movement(11, "SALE", 2, "A", "WH-EAST")))).hasSize(2);
    }

    @Test
    void onlySkusAndLocationsTheLedgerKeepsAreCompared() {
        assertThat(StockComparison.compare(List.of(order(1, "A", "PAID", 2, "S009", null)), List.of(),
                (sku, location) -> !location.equals("S009"))).isEmpty();
    }
}
