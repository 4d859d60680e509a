package com.reconflow.ingest.format;

import com.reconflow.ingest.CanonicalRecord;
import com.reconflow.ingest.FileRejectedException;
import com.reconflow.ingest.RecordSink;
import com.reconflow.ingest.RowError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * ISO 20022 bank-to-customer statement ({@code camt053}), versions camt.053.001.02 to .08: one payout
 * record per {@code Ntry}, debits included so nothing is dropped. Read as a stream of XML events by
 * local element names, which are the same in every version for what is read here, so a statement of
 * any size passes with bounded memory. Each statement must add up: opening balance plus booked credits
 * minus booked debits is the closing balance.
 */
public final class Camt053Parser implements ChannelFileParser {

    private static final Pattern NAMESPACE =
            Pattern.compile("urn:iso:std:iso:20022:tech:xsd:camt\\.053\\.001\\.0[2-8]");
    private static final XMLInputFactory XML = xmlInputFactory();

    @Override
    public String formatId() {
        return "camt053";
    }

    @Override
    public boolean recognises(ChannelFile file) {
        byte[] bytes = file.headBytes();
        if (!mayBeXml(bytes)) {
            return false;
        }
        try (InputStream head = new ByteArrayInputStream(bytes)) {
            XMLStreamReader xml = XML.createXMLStreamReader(head);
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT) {
                    return isStatementRoot(xml);
                }
            }
            return false;
        } catch (XMLStreamException | IOException | RuntimeException notXml) {
            return false;
        }
    }

    @Override
    public void parse(ChannelFile file, RecordSink sink) {
        try (InputStream in = file.open()) {
            XMLStreamReader xml = XML.createXMLStreamReader(in);
            try {
                new Reading(file, xml, sink).run();
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNumber();
            throw new FileRejectedException(file.fileName() + " is not well-formed XML"
                    + (line > 0 ? " at line " + line : "") + ": " + reason(e), e);
        } catch (IOException e) {
            throw new FileRejectedException("cannot read " + file.fileName() + ": " + e.getMessage(), e);
        }
    }

    /** Starts with markup (after a BOM and white space), so an XML reader need not try a CSV and complain. */
    private static boolean mayBeXml(byte[] head) {
        if (head.length >= 2 && ((head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF
                || (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE)) {
            return true;
        }
        int i = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF
                ? 3 : 0;
        while (i < head.length && Character.isWhitespace(head[i])) {
            i++;
        }
        return i < head.length && head[i] == '<';
    }

    private static boolean isStatementRoot(XMLStreamReader xml) {
        return "Document".equals(xml.getLocalName()) && xml.getNamespaceURI() != null
                && NAMESPACE.matcher(xml.getNamespaceURI()).matches();
    }

    /** The parser's own words without the location prefix some StAX implementations add. */
    private static String reason(XMLStreamException e) {
        String message = String.valueOf(e.getMessage());
        int at = message.indexOf("Message: ");
        return (at >= 0 ? message.substring(at + "Message: ".length()) : message).strip();
    }

    /** No DTDs and no external entities: a statement is data, never instructions to fetch more. */
    private static XMLInputFactory xmlInputFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return factory;
    }

    /** One pass over the events of one file. */
    private static final class Reading {

        private final ChannelFile file;
        private final XMLStreamReader xml;
        private final RecordSink sink;
        /** Local names from the root to the current element. */
        private final List<String> path = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private String ccy;
        private int statements;
        private int statementDepth = -1;
        private String statementId;
        private String account;
        private int entries;
        private StatementBalance balance;
        private Balance bal;
        private Camt053Entry entry;

        Reading(ChannelFile file, XMLStreamReader xml, RecordSink sink) {
            this.file = file;
            this.xml = xml;
            this.sink = sink;
        }

        void run() throws XMLStreamException {
            while (xml.hasNext()) {
                switch (xml.next()) {
                    case XMLStreamConstants.START_ELEMENT -> start();
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> text.append(xml.getText());
                    case XMLStreamConstants.END_ELEMENT -> end();
                    default -> {
                        // comments, processing instructions, ignorable space
                    }
                }
            }
        }

        private void start() {
            String name = xml.getLocalName();
            path.add(name);
            text.setLength(0);
            ccy = xml.getAttributeValue(null, "Ccy");
            int depth = path.size();
            int line = xml.getLocation().getLineNumber();
            if (depth == 1 && !isStatementRoot(xml)) {
                throw new FileRejectedException(file.fileName() + " is not a camt.053 statement: its root element is "
                        + name + " in namespace '" + xml.getNamespaceURI() + "', expected Document in "
                        + "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02 to .08");
            }
            if (depth == 3 && name.equals("Stmt") && path.get(1).equals("BkToCstmrStmt")) {
                statements++;
                statementDepth = depth;
                statementId = "#" + statements;
                account = null;
                entries = 0;
            } else if (statementDepth > 0 && depth == statementDepth + 1) {
                if (name.equals("Ntry")) {
                    if (balance == null) {
                        balance = newBalance();
                    }
                    entry = new Camt053Entry(line, ++entries);
                } else if (name.equals("Bal")) {
                    bal = new Balance(line);
                }
            }
        }

        private void end() {
            int depth = path.size();
            String value = text.toString().strip();
            text.setLength(0);
            if (statementDepth > 0 && depth > statementDepth) {
                String relative = String.join("/", path.subList(statementDepth, depth));
                inStatement(relative, value);
            } else if (depth == statementDepth) {
                if (balance == null) {
                    balance = newBalance();
                }
                balance.verify();
                balance = null;
                statementDepth = -1;
            }
            path.remove(depth - 1);
        }

        private void inStatement(String relative, String value) {
            if (relative.equals("Ntry") || relative.startsWith("Ntry/")) {
                if (relative.equals("Ntry")) {
                    finishEntry();
                } else if (!value.isEmpty()) {
                    entry.set(relative.substring("Ntry/".length()), value, ccy);
                }
                return;
            }
            if (relative.equals("Bal") || relative.startsWith("Bal/")) {
                if (relative.equals("Bal")) {
                    finishBalance();
                } else if (!value.isEmpty()) {
                    bal.set(relative.substring("Bal/".length()), value, ccy);
                }
                return;
            }
            if (value.isEmpty()) {
                return;
            }
            switch (relative) {
                case "Id" -> statementId = value;
                case "Acct/Id/IBAN", "Acct/Id/Othr/Id" -> account = value;
                default -> {
                    // statement details this import does not use
                }
            }
        }

        private StatementBalance newBalance() {
            return new StatementBalance(file.fileName(), statementId, "opening balance", "closing balance (CLBD)");
        }

        private void finishBalance() {
            if (balance == null) {
                balance = newBalance();
            }
            bal.applyTo(balance, file.fileName(), statementId);
            bal = null;
        }

        private void finishEntry() {
            Camt053Entry done = entry;
            entry = null;
            CanonicalRecord record;
            try {
                record = done.toRecord(new Camt053Entry.Statement(statementId, account), file.zone());
            } catch (BankEntryError e) {
                balance.quarantined();
                sink.reject(new RowError(done.line, e.field(), e.getMessage(), done.raw()));
                return;
            }
            if (record.status().equals("BOOK")) {
                balance.booked(done.line, record.attributes().get("direction").equals("CRDT"), record.amount(),
                        record.currency());
            }
            sink.accept(record);
        }
    }

    /** A {@code Bal} of a statement; only the opening (OPBD, or PRCD) and closing (CLBD) ones count. */
    private static final class Balance {

        private static final Pattern AMOUNT = Pattern.compile("\\d{1,18}(\\.\\d{1,5})?");

        private final int line;
        private String type;
        private String amount;
        private String currency;
        private String direction;

        Balance(int line) {
            this.line = line;
        }

        void set(String relative, String value, String ccy) {
            switch (relative) {
                case "Tp/CdOrPrtry/Cd" -> type = value;
                case "Amt" -> {
                    amount = value;
                    currency = ccy;
                }
                case "CdtDbtInd" -> direction = value;
                default -> {
                    // dates and sub-types
                }
            }
        }

        void applyTo(StatementBalance balance, String fileName, String statementId) {
            boolean opening = "OPBD".equals(type) || "PRCD".equals(type);
            boolean closing = "CLBD".equals(type);
            if (!opening && !closing) {
                return;
            }
            String where = fileName + ": statement " + statementId + ", balance " + type + " on line " + line;
            if (amount == null || !AMOUNT.matcher(amount).matches() || currency == null) {
                throw new FileRejectedException(where + ": Amt '" + amount + "'"
                        + (currency == null ? " without currency" : "") + " is not an amount like 4535333.27 CNY");
            }
            BigDecimal value = new BigDecimal(amount);
            if (!"CRDT".equals(direction) && !"DBIT".equals(direction)) {
                throw new FileRejectedException(where + ": CdtDbtInd '" + direction + "' is neither CRDT nor DBIT");
            }
            BigDecimal signed = direction.equals("DBIT") ? value.negate() : value;
            if (opening) {
                balance.opening(signed, currency);
            } else {
                balance.closing(signed, currency);
            }
        }
    }
}
