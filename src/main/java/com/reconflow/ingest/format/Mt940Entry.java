package com.reconflow.ingest.format;

import com.prowidesoftware.swift.model.field.Field61;
import com.reconflow.ingest.CanonicalRecord;
import com.reconflow.ingest.RecordKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One MT940 statement line ({@code :61:}) and the information to the account owner ({@code :86:})
 * that follows it. The subfields are split by Prowide's {@link Field61}, which reads leniently (in
 * {@code 12,34xNTRF} it takes 12,34 as the amount and x as the transaction type), so every component
 * is checked against the field's format before it is trusted.
 */
final class Mt940Entry {

    static final String FIELD = ":61:";

    /** SWIFT amounts: digits, a mandatory decimal comma, at most 15 characters. */
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,14},\\d*");
    private static final Pattern TYPE = Pattern.compile("[NFS][A-Z0-9]{3}");
    private static final Set<String> MARKS = Set.of("C", "D", "RC", "RD");
    private static final String NO_REFERENCE = "NONREF";
    static final DateTimeFormatter YYMMDD =
            DateTimeFormatter.ofPattern("uuMMdd").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter MMDD = DateTimeFormatter.ofPattern("MMdd");

    /** The values of the statement around the entry. */
    record Statement(String id, String number, String account, String currency) {
    }

    private final SwiftFields.Field line;
    private String information;

    Mt940Entry(SwiftFields.Field line) {
        this.line = line;
    }

    int line() {
        return line.line();
    }

    boolean hasInformation() {
        return information != null;
    }

    void information(String text) {
        information = text;
    }

    /** The {@code :61:} line, and the {@code :86:} when there is one, on one line. */
    String raw() {
        return line.raw() + (information == null ? "" : " :86:" + information.replace("\n", " "));
    }

    CanonicalRecord toRecord(Statement statement, int ordinal, ZoneId zone) {
        String value = line.value();
        Field61 f;
        try {
            f = new Field61(value);
        } catch (RuntimeException e) {
            throw error("'" + value + "' cannot be split into the subfields of a statement line");
        }
        LocalDate valueDate = valueDate(f.getValueDate());
        LocalDate entryDate = entryDate(f.getEntryDate(), valueDate);
        String mark = f.getDebitCreditMark();
        if (mark == null || !MARKS.contains(mark)) {
            throw error("mark '" + (mark == null ? "" : mark) + "' in '" + value + "' is not one of C, D, RC, RD");
        }
        BigDecimal amount = amount(f, value);
        String type = nullToEmpty(f.getTransactionType()) + nullToEmpty(f.getIdentificationCode());
        if (!TYPE.matcher(type).matches()) {
            throw error("'" + fromAmount(f, value) + "' is not an amount like 1234,56 followed by a transaction type"
                    + " like NTRF");
        }
        String ownerRef = nullToEmpty(f.getReferenceForTheAccountOwner()).strip();
        if (ownerRef.isEmpty()) {
            throw error("'" + value + "' has no reference for the account owner after the transaction type " + type);
        }
        String bankRef = blankToNull(f.getReferenceOfTheAccountServicingInstitution());
        String details = blankToNull(f.getSupplementaryDetails());

        // RC reverses a credit, so it is a debit; RD reverses a debit, so it is a credit
        boolean credit = mark.equals("C") || mark.equals("RD");
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("direction", credit ? "CRDT" : "DBIT");
        attributes.put("reversal", Boolean.toString(mark.startsWith("R")));
        attributes.put("mark", mark);
        attributes.put("valueDate", valueDate.toString());
        attributes.put("transactionType", type);
        attributes.put("ownerRef", ownerRef);
        put(attributes, "bankRef", bankRef);
        put(attributes, "supplementaryDetails", details);
        put(attributes, "remittance", information == null ? null : information.replace("\n", " "));
        put(attributes, "account", statement.account());
        put(attributes, "statementId", statement.id());
        put(attributes, "statementNumber", statement.number());

        String reference = ownerRef.equals(NO_REFERENCE) ? null : ownerRef;
        Optional<SettlementReference> settlement = SettlementReference.of(ownerRef)
                .or(() -> SettlementReference.findIn(details))
                .or(() -> SettlementReference.findIn(information));
        settlement.ifPresent(s -> s.addTo(attributes));
        String orderNo = settlement.map(SettlementReference::reference).orElse(reference);
        // without any reference the entry's place in its statement keeps it apart from its neighbours
        String txnId = bankRef != null ? bankRef : reference != null ? reference : statement.id() + "#" + ordinal;
        OffsetDateTime booked = entryDate.atStartOfDay(zone).toOffsetDateTime();
        return new CanonicalRecord(RecordKind.PAYOUT, entryDate, orderNo, txnId, null, amount, null,
                statement.currency(), "BOOK", booked, null, null, null, line.line(), raw(), attributes);
    }

    private LocalDate valueDate(String text) {
        try {
            return LocalDate.parse(nullToEmpty(text), YYMMDD);
        } catch (DateTimeParseException e) {
            throw error("value date '" + nullToEmpty(text) + "' in '" + line.value() + "' is not a date YYMMDD");
        }
    }

    /** The booking date: MMDD in the year that puts it nearest the value date (entries may cross New Year). */
    private LocalDate entryDate(String text, LocalDate valueDate) {
        if (text == null || text.isEmpty()) {
            return valueDate;
        }
        MonthDay day;
        try {
            day = MonthDay.parse(text, MMDD);
        } catch (DateTimeParseException e) {
            throw error("entry date '" + text + "' in '" + line.value() + "' is not a date MMDD");
        }
        LocalDate best = null;
        for (int year = valueDate.getYear() - 1; year <= valueDate.getYear() + 1; year++) {
            if (day.isValidYear(year)) {
                LocalDate candidate = day.atYear(year);
                if (best == null || Math.abs(candidate.toEpochDay() - valueDate.toEpochDay())
                        < Math.abs(best.toEpochDay() - valueDate.toEpochDay())) {
                    best = candidate;
                }
            }
        }
        return best;
    }

    private BigDecimal amount(Field61 f, String value) {
        String text = nullToEmpty(f.getAmount());
        if (!AMOUNT.matcher(text).matches()) {
            throw error("'" + fromAmount(f, value) + "' is not an amount like 1234,56 followed by a transaction type"
                    + " like NTRF");
        }
        BigDecimal amount = new BigDecimal(text.replace(',', '.').replaceAll("\\.$", ""));
        if (amount.stripTrailingZeros().scale() > 2) {
            throw error("amount '" + text + "' has more than 2 decimals");
        }
        return amount.setScale(2);
    }

    /** The line from where its amount starts, for saying what was found there. */
    private static String fromAmount(Field61 f, String value) {
        int at = nullToEmpty(f.getValueDate()).length() + nullToEmpty(f.getEntryDate()).length()
                + nullToEmpty(f.getDebitCreditMark()).length() + nullToEmpty(f.getFundsCode()).length();
        String rest = at < value.length() ? value.substring(at) : "";
        rest = rest.lines().findFirst().orElse("");
        return rest.length() > 24 ? rest.substring(0, 24) + "..." : rest;
    }

    private BankEntryError error(String message) {
        return new BankEntryError(FIELD, FIELD + " " + message);
    }

    private static void put(Map<String, String> attributes, String key, String value) {
        if (value != null && !value.isEmpty()) {
            attributes.put(key, value);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
