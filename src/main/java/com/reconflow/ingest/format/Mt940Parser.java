package com.reconflow.ingest.format;

import com.prowidesoftware.swift.model.field.Field60F;
import com.prowidesoftware.swift.model.field.Field60M;
import com.prowidesoftware.swift.model.field.Field62F;
import com.prowidesoftware.swift.model.field.Field62M;
import com.reconflow.ingest.CanonicalRecord;
import com.reconflow.ingest.FileRejectedException;
import com.reconflow.ingest.RecordSink;
import com.reconflow.ingest.RowError;
import com.reconflow.ingest.format.SwiftFields.Field;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * SWIFT MT940 customer statement ({@code mt940}), bare or in SWIFT message blocks, one or more
 * statements per file: one payout record per statement line {@code :61:}, debits included, with its
 * {@code :86:} text. Read field by field as the lines come, so a file of any size streams and every
 * record keeps the line of its {@code :61:}; each statement must add up from {@code :60F:} through
 * its lines to {@code :62F:}.
 */
public final class Mt940Parser implements ChannelFileParser {

    @Override
    public String formatId() {
        return "mt940";
    }

    @Override
    public boolean recognises(ChannelFile file) {
        String head = file.head();
        String first = head.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        return (first.startsWith(":20:") || first.startsWith("{1:")) && head.contains(":60F:")
                && (head.contains(":61:") || head.contains(":62F:"));
    }

    @Override
    public void parse(ChannelFile file, RecordSink sink) {
        try (BufferedReader reader = file.reader()) {
            new Reading(file, new SwiftFields(file.fileName(), reader), sink).run();
        } catch (IOException e) {
            throw new FileRejectedException("cannot read " + file.fileName() + ": " + e.getMessage(), e);
        }
    }

    /** One pass over the fields of one file, one statement at a time. */
    private static final class Reading {

        private static final Pattern AMOUNT = Pattern.compile("\\d{1,14},\\d{0,2}");
        private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

        private final ChannelFile file;
        private final SwiftFields fields;
        private final RecordSink sink;
        private int statements;
        /** The open statement's :20: field, null between statements. */
        private Field start;
        private boolean closed;
        private String account;
        private String number;
        private String currency;
        private StatementBalance balance;
        private Mt940Entry pending;
        private int entries;

        Reading(ChannelFile file, SwiftFields fields, RecordSink sink) {
            this.file = file;
            this.fields = fields;
            this.sink = sink;
        }

        void run() throws IOException {
            for (Field field = fields.next(); field != null; field = fields.next()) {
                handle(field);
            }
            flushEntry();
            endStatement(null);
            if (statements == 0) {
                throw new FileRejectedException(file.fileName() + " holds no MT940 statement (no :20: field)");
            }
        }

        private void handle(Field field) {
            String tag = field.tag();
            if (tag.equals("20")) {
                flushEntry();
                endStatement(field);
                startStatement(field);
                return;
            }
            if (tag.equals(SwiftFields.END)) {
                flushEntry();
                endStatement(field);
                return;
            }
            if (start == null) {
                throw new FileRejectedException(file.fileName() + ": line " + field.line() + ": :" + tag
                        + ": comes before any statement's :20: transaction reference");
            }
            switch (tag) {
                case "25" -> account = field.value().strip();
                case "28C" -> number = field.value().strip();
                case "60F", "60M" -> opening(field);
                case "61" -> {
                    flushEntry();
                    if (!balance.hasOpening() || closed) {
                        throw new FileRejectedException(file.fileName() + ": line " + field.line() + ": :61: "
                                + (closed ? "after the closing balance" : "before the opening balance :60F:")
                                + " of statement " + statementId());
                    }
                    pending = new Mt940Entry(field);
                }
                case "86" -> {
                    if (pending != null && !pending.hasInformation()) {
                        pending.information(field.value());
                    }
                    // otherwise information about the statement as a whole
                }
                case "62F", "62M" -> {
                    flushEntry();
                    closing(field);
                    balance.verify();
                    closed = true;
                }
                default -> flushEntry();
            }
        }

        private void startStatement(Field field) {
            statements++;
            start = field;
            closed = false;
            account = null;
            number = null;
            currency = null;
            entries = 0;
            balance = new StatementBalance(file.fileName(), statementId(), "opening balance :60F:",
                    "closing balance :62F:");
        }

        /** The open statement must have been closed by its :62F:, or the file was cut. */
        private void endStatement(Field next) {
            if (start != null && !closed) {
                throw new FileRejectedException(file.fileName() + ": statement " + statementId() + " (line "
                        + start.line() + ") has no closing balance :62F:"
                        + (next == null ? " before the end of the file" : " before line " + next.line())
                        + "; the file is truncated or corrupt");
            }
            start = null;
        }

        private String statementId() {
            String id = start.value().strip();
            return id.isEmpty() ? "#" + statements : id;
        }

        private void opening(Field field) {
            Signed value = balanceOf(field, field.tag().equals("60F") ? new Field60F(field.value())
                    : new Field60M(field.value()));
            currency = value.currency();
            balance.opening(value.amount(), value.currency());
        }

        private void closing(Field field) {
            Signed value = balanceOf(field, field.tag().equals("62F") ? new Field62F(field.value())
                    : new Field62M(field.value()));
            balance.closing(value.amount(), value.currency());
        }

        private record Signed(BigDecimal amount, String currency) {
        }

        /** A balance field (mark, date, currency, amount), checked subfield by subfield. */
        private Signed balanceOf(Field field, com.prowidesoftware.swift.model.field.Field parsed) {
            String where = file.fileName() + ": line " + field.line() + ", :" + field.tag() + ": '"
                    + field.value().strip() + "'";
            String mark = parsed.getComponent(1);
            String date = parsed.getComponent(2);
            String ccy = parsed.getComponent(3);
            String amount = parsed.getComponent(4);
            if (!"C".equals(mark) && !"D".equals(mark)) {
                throw new FileRejectedException(where + ": expected mark C or D first");
            }
            try {
                LocalDate.parse(date == null ? "" : date, Mt940Entry.YYMMDD);
            } catch (DateTimeParseException e) {
                throw new FileRejectedException(where + ": '" + date + "' is not a date YYMMDD");
            }
            if (ccy == null || !CURRENCY.matcher(ccy).matches()) {
                throw new FileRejectedException(where + ": '" + ccy + "' is not a currency code like CNY");
            }
            if (amount == null || !AMOUNT.matcher(amount).matches()) {
                throw new FileRejectedException(where + ": '" + amount + "' is not an amount like 1234,56");
            }
            BigDecimal value = new BigDecimal(amount.replace(',', '.').replaceAll("\\.$", ""));
            return new Signed(mark.equals("D") ? value.negate() : value, ccy);
        }

        private void flushEntry() {
            if (pending == null) {
                return;
            }
            Mt940Entry entry = pending;
            pending = null;
            entries++;
            CanonicalRecord record;
            try {
                record = entry.toRecord(new Mt940Entry.Statement(statementId(), number, account, currency), entries,
                        file.zone());
            } catch (BankEntryError e) {
                balance.quarantined();
                sink.reject(new RowError(entry.line(), e.field(), e.getMessage(), entry.raw()));
                return;
            }
            balance.booked(entry.line(), record.attributes().get("direction").equals("CRDT"), record.amount(),
                    record.currency());
            sink.accept(record);
        }
    }
}
