package com.reconflow.stock;

import java.util.List;

/** Refused: a movement or a reservation needs more than is available. Nothing of it was stored. */
public class InsufficientStock extends RuntimeException {

    /** A line that cannot be served: how much was asked and how much is available. */
    public record ShortLine(String sku, String location, long requested, long available) {
    }

    private final transient List<ShortLine> shortLines;

    public InsufficientStock(List<ShortLine> shortLines) {
        super("not enough stock: " + shortLines.stream()
                .map(l -> l.sku() + "@" + l.location() + " asks " + l.requested() + ", " + l.available() + " available")
                .toList());
        this.shortLines = List.copyOf(shortLines);
    }

    public List<ShortLine> shortLines() {
        return shortLines;
    }
}
