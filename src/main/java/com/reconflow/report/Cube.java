package com.reconflow.report;

import java.util.EnumSet;
import java.util.Set;

/**
 * The dimension combinations the rollups keep, smallest first. A summary reads the first cube that holds
 * every dimension it groups or filters by ({@code settled} is in every cube): a month of {@link #DAY} is a
 * few thousand rows whatever the day's volume, the others some ten thousand a day at most.
 */
enum Cube {
    DAY(EnumSet.of(Dimension.SOURCE, Dimension.DATE, Dimension.PAYMENT_METHOD, Dimension.STATUS)),
    HOUR(EnumSet.of(Dimension.SOURCE, Dimension.DATE, Dimension.PAYMENT_METHOD, Dimension.STATUS,
            Dimension.CATEGORY, Dimension.HOUR)),
    STORE(EnumSet.of(Dimension.SOURCE, Dimension.DATE, Dimension.PAYMENT_METHOD, Dimension.STATUS,
            Dimension.CATEGORY, Dimension.STORE)),
    FULL(EnumSet.of(Dimension.SOURCE, Dimension.DATE, Dimension.PAYMENT_METHOD, Dimension.STATUS,
            Dimension.CATEGORY, Dimension.STORE, Dimension.HOUR));

    final Set<Dimension> dimensions;

    Cube(Set<Dimension> dimensions) {
        this.dimensions = dimensions;
    }

    /** The smallest cube holding all of {@code needed}; none when a dimension is one no rollup keeps. */
    static java.util.Optional<Cube> covering(Set<Dimension> needed) {
        for (Cube cube : values()) {
            if (cube.dimensions.containsAll(needed)) {
                return java.util.Optional.of(cube);
            }
        }
        return java.util.Optional.empty();
    }
}
