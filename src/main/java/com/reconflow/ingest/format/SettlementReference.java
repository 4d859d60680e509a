package com.reconflow.ingest.format;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference a provider writes on its daily payout, {@code <PROVIDER>-SETTLE-<yyyymmdd>}
 * (e.g. {@code ALIPAY-SETTLE-20261120}): who paid and which business day the credit settles, which is
 * usually the day before the booking.
 */
record SettlementReference(String provider, LocalDate settledDay) {

    private static final Pattern SHAPE =
            Pattern.compile("(?<![A-Z0-9])([A-Z][A-Z0-9]*)-SETTLE-(\\d{8})(?![0-9])", Pattern.CASE_INSENSITIVE);
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

    /** The reference when the whole value has the shape (a real date included). */
    static Optional<SettlementReference> of(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = SHAPE.matcher(value.strip());
        return m.matches() ? from(m) : Optional.empty();
    }

    /** The first reference written somewhere in free text. */
    static Optional<SettlementReference> findIn(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = SHAPE.matcher(text);
        while (m.find()) {
            Optional<SettlementReference> found = from(m);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<SettlementReference> from(Matcher m) {
        try {
            return Optional.of(new SettlementReference(m.group(1).toUpperCase(Locale.ROOT),
                    LocalDate.parse(m.group(2), DAY)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The reference as the convention writes it. */
    String reference() {
        return provider + "-SETTLE-" + DAY.format(settledDay);
    }

    void addTo(Map<String, String> attributes) {
        attributes.put("provider", provider);
        attributes.put("settlementDate", settledDay.toString());
    }
}
