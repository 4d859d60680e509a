package com.reconflow.ingest.format;

import com.reconflow.ingest.CanonicalRecord;
import com.reconflow.ingest.RecordKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The values of one camt.053 {@code Ntry} as read from the XML, turned into a payout record once the
 * entry's end tag is reached. Values are kept as written so a quarantined entry shows what was there.
 */
final class Camt053Entry {

    /** ISO 20022 amounts: digits and a decimal point, never a sign or a grouping separator. */
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,18}(\\.\\d{1,5})?");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Set<String> STATUSES = Set.of("BOOK", "PDNG", "INFO", "FUTR");
    /** ISO's stand-in for an absent end-to-end id. */
    private static final String NOT_PROVIDED = "NOTPROVIDED";

    final int line;
    final int ordinal;
    String entryRef;
    String amount;
    String currency;
    String direction;
    String reversal;
    String status;
    String bookingDate;
    String valueDate;
    String servicerRef;
    String endToEndId;
    String remittance;
    String additionalInfo;
    String debtor;
    String creditor;

    Camt053Entry(int line, int ordinal) {
        this.line = line;
        this.ordinal = ordinal;
    }

    /** Values of the statement around the entry. */
    record Statement(String id, String account) {
    }

    /** Sets the value of an element inside {@code Ntry}, by its path below it. */
    void set(String path, String text, String ccy) {
        switch (path) {
            case "NtryRef" -> entryRef = text;
            case "Amt" -> {
                amount = text;
                currency = ccy;
            }
            case "CdtDbtInd" -> direction = text;
            case "RvslInd" -> reversal = text;
            // plain text up to v07, a code element from v08 on
            case "Sts", "Sts/Cd", "Sts/Prtry" -> status = text;
            case "BookgDt/Dt", "BookgDt/DtTm" -> bookingDate = text;
            case "ValDt/Dt", "ValDt/DtTm" -> valueDate = text;
            case "AcctSvcrRef" -> servicerRef = text;
            case "NtryDtls/TxDtls/Refs/EndToEndId" -> endToEndId = endToEndId == null ? text : endToEndId;
            case "NtryDtls/TxDtls/RmtInf/Ustrd" -> remittance = remittance == null ? text : remittance + " " + text;
            case "AddtlNtryInf" -> additionalInfo = text;
            case "NtryDtls/TxDtls/RltdPties/Dbtr/Nm", "NtryDtls/TxDtls/RltdPties/Dbtr/Pty/Nm" -> debtor = text;
            case "NtryDtls/TxDtls/RltdPties/Cdtr/Nm", "NtryDtls/TxDtls/RltdPties/Cdtr/Pty/Nm" -> creditor = text;
            default -> {
                // an element this import does not use
            }
        }
    }

    CanonicalRecord toRecord(Statement statement, ZoneId zone) {
        BigDecimal money = amount();
        boolean credit = credit();
        boolean reversed = reversal();
        String state = status();
        OffsetDateTime booked = bookingTime(zone);
        LocalDate valueDay = valueDate == null ? null : time("ValDt", valueDate, zone).toLocalDate();

        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("direction", credit ? "CRDT" : "DBIT");
        attributes.put("reversal", Boolean.toString(reversed));
        put(attributes, "valueDate", valueDay == null ? null : valueDay.toString());
        put(attributes, "remittance", remittance);
        put(attributes, "additionalInfo", additionalInfo);
        put(attributes, "counterparty", credit ? debtor : creditor);
        put(attributes, "entryRef", entryRef);
        put(attributes, "account", statement.account());
        put(attributes, "statementId", statement.id());

        String reference = endToEndId == null || endToEndId.equals(NOT_PROVIDED) ? null : endToEndId;
        Optional<SettlementReference> settlement = SettlementReference.of(reference);
        if (reference == null) {
            // no end-to-end id: the convention's reference may still be written in the free text
            settlement = SettlementReference.findIn(remittance).or(() -> SettlementReference.findIn(additionalInfo));
            reference = settlement.map(SettlementReference::reference).orElse(null);
        }
        settlement.ifPresent(s -> s.addTo(attributes));
        // without the bank's reference the entry's place in its statement keeps it apart from its neighbours
        String txnId = servicerRef != null ? servicerRef : statement.id() + "#" + ordinal;
        return new CanonicalRecord(RecordKind.PAYOUT, booked.toLocalDate(), reference, txnId, null, money, null,
                currency, state, booked, null, null, null, line, raw(), attributes);
    }

    private BigDecimal amount() {
        if (amount == null) {
            throw new BankEntryError("Amt", "Amt is missing");
        }
        if (!AMOUNT.matcher(amount).matches()) {
            throw new BankEntryError("Amt", "Amt '" + amount + "' is not an amount like 3835.43"
                    + " (digits and a decimal point, no sign)");
        }
        BigDecimal value = new BigDecimal(amount);
        if (value.stripTrailingZeros().scale() > 2) {
            throw new BankEntryError("Amt", "Amt '" + amount + "' has more than 2 decimals");
        }
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            throw new BankEntryError("Amt", "Amt '" + amount + "' has "
                    + (currency == null ? "no currency" : "currency '" + currency + "'")
                    + ", expected a Ccy attribute like CNY");
        }
        return value.setScale(2);
    }

    private boolean credit() {
        if ("CRDT".equals(direction)) {
            return true;
        }
        if ("DBIT".equals(direction)) {
            return false;
        }
        throw new BankEntryError("CdtDbtInd", direction == null ? "CdtDbtInd is missing, expected CRDT or DBIT"
                : "CdtDbtInd '" + direction + "' is neither CRDT nor DBIT");
    }

    private boolean reversal() {
        if (reversal == null || reversal.equals("false") || reversal.equals("0")) {
            return false;
        }
        if (reversal.equals("true") || reversal.equals("1")) {
            return true;
        }
        throw new BankEntryError("RvslInd", "RvslInd '" + reversal + "' is neither true nor false");
    }

    private String status() {
        if (status == null || !STATUSES.contains(status)) {
            throw new BankEntryError("Sts", (status == null ? "Sts is missing" : "Sts '" + status + "' is unknown")
                    + ", expected BOOK, PDNG, INFO or FUTR");
        }
        return status;
    }

    /** The booking date, or for a pending entry without one, its value date. */
    private OffsetDateTime bookingTime(ZoneId zone) {
        if (bookingDate != null) {
            return time("BookgDt", bookingDate, zone);
        }
        if (valueDate != null) {
            return time("ValDt", valueDate, zone);
        }
        throw new BankEntryError("BookgDt", "BookgDt is missing and there is no ValDt");
    }

    /** A {@code Dt} at the start of that day in the file's zone, or a {@code DtTm} as the zone reads it. */
    private static OffsetDateTime time(String field, String text, ZoneId zone) {
        try {
            if (!text.contains("T")) {
                return LocalDate.parse(text).atStartOfDay(zone).toOffsetDateTime();
            }
            TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, OffsetDateTime::from,
                    LocalDateTime::from);
            return t instanceof OffsetDateTime at ? at.atZoneSameInstant(zone).toOffsetDateTime()
                    : ((LocalDateTime) t).atZone(zone).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            throw new BankEntryError(field, field + " '" + text + "' is not a date like 2026-11-21"
                    + " or a time like 2026-11-21T10:30:00+08:00");
        }
    }

    /** The entry's key values on one line, as written. */
    String raw() {
        StringJoiner raw = new StringJoiner(" ", "Ntry ", "");
        append(raw, "NtryRef", entryRef);
        append(raw, "Amt", amount == null ? null : amount + (currency == null ? "" : " " + currency));
        append(raw, "CdtDbtInd", direction);
        append(raw, "RvslInd", reversal);
        append(raw, "Sts", status);
        append(raw, "BookgDt", bookingDate);
        append(raw, "ValDt", valueDate);
        append(raw, "AcctSvcrRef", servicerRef);
        append(raw, "EndToEndId", endToEndId);
        append(raw, "Ustrd", remittance);
        return raw.toString();
    }

    private static void append(StringJoiner raw, String name, String value) {
        if (value != null) {
            raw.add(name + "=" + value);
        }
    }

    private static void put(Map<String, String> attributes, String key, String value) {
        if (value != null && !value.isEmpty()) {
            attributes.put(key, value);
        }
    }
}
