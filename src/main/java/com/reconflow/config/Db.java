package com.reconflow.config;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Times go to the database as UTC wall-clock values, so what is stored never depends on the
 * database server's or the JVM's zone.
 */
public final class Db {

    private Db() {
    }

    public static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant instant(LocalDateTime utcValue) {
        return utcValue == null ? null : utcValue.toInstant(ZoneOffset.UTC);
    }

    /** A descriptive text cut to its column's width; never used for keys or amounts. */
    public static String clip(String value, int width) {
        return value == null || value.length() <= width ? value : value.substring(0, width);
    }
}
