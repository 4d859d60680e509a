package com.reconflow.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.reconflow.ingest.CanonicalRecord;
import com.reconflow.ingest.RecordSink;
import com.reconflow.ingest.RowError;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A statement far larger than any day's streams through into a sink that keeps nothing but counts. */
class Camt053LargeStatementTest {

    private static final int ENTRIES = 100_000;
    private static final BigDecimal OPENING = new BigDecimal("1000000.00");

    @TempDir
    Path dir;

    @Test
    void hundredThousandEntriesStreamIntoACountingSink() throws Exception {
        BigDecimal credits = BigDecimal.ZERO.setScale(2);
        BigDecimal debits = BigDecimal.ZERO.setScale(2);
        for (int i = 1; i <= ENTRIES; i++) {
            if (isDebit(i)) {
                debits = debits.add(amount(i));
            } else {
                credits = credits.add(amount(i));
            }
        }
        Path statement = dir.resolve("camt053_large.xml");
        write(statement, OPENING.add(credits).subtract(debits));

        Counting sink = new Counting();
        new Camt053Parser().parse(new ChannelFile("camt053_large.xml", statement, Samples.SHANGHAI), sink);

        assertThat(sink.rejected).isZero();
        assertThat(sink.accepted).isEqualTo(ENTRIES);
        assertThat(sink.debitEntries).isEqualTo(ENTRIES / 10);
        assertThat(sink.credits).isEqualTo(credits);
        assertThat(sink.debits).isEqualTo(debits);
        assertThat(sink.lastLine).isGreaterThan(ENTRIES);
    }

    private static boolean isDebit(int i) {
        return i % 10 == 0;
    }

    private static BigDecimal amount(int i) {
        return BigDecimal.valueOf((i * 7919L) % 1_000_000 + 1, 2);
    }

    /** Written element by element, so the test itself never holds the statement either. */
    private static void write(Path file, BigDecimal closing) throws IOException, XMLStreamException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("Document");
            xml.writeDefaultNamespace("urn:iso:std:iso:20022:tech:xsd:camt.053.001.08");
            xml.writeStartElement("BkToCstmrStmt");
            xml.writeStartElement("Stmt");
            leaf(xml, "Id", "STMT-LARGE");
            balance(xml, "OPBD", OPENING);
            balance(xml, "CLBD", closing);
            for (int i = 1; i <= ENTRIES; i++) {
                xml.writeCharacters("\n");
                xml.writeStartElement("Ntry");
                xml.writeStartElement("Amt");
                xml.writeAttribute("Ccy", "CNY");
                xml.writeCharacters(amount(i).toPlainString());
                xml.writeEndElement();
                leaf(xml, "CdtDbtInd", isDebit(i) ? "DBIT" : "CRDT");
                xml.writeStartElement("Sts");
                leaf(xml, "Cd", "BOOK");
                xml.writeEndElement();
                xml.writeStartElement("BookgDt");
                leaf(xml, "Dt", "2026-11-21");
                xml.writeEndElement();
                leaf(xml, "AcctSvcrRef", "REF" + i);
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        }
    }

    private static void balance(XMLStreamWriter xml, String type, BigDecimal amount) throws XMLStreamException {
        xml.writeStartElement("Bal");
        xml.writeStartElement("Tp");
        xml.writeStartElement("CdOrPrtry");
        leaf(xml, "Cd", type);
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeStartElement("Amt");
        xml.writeAttribute("Ccy", "CNY");
        xml.writeCharacters(amount.toPlainString());
        xml.writeEndElement();
        leaf(xml, "CdtDbtInd", "CRDT");
        xml.writeEndElement();
    }

    private static void leaf(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }

    private static final class Counting implements RecordSink {
        int accepted;
        int rejected;
        int debitEntries;
        int lastLine;
        BigDecimal credits = BigDecimal.ZERO.setScale(2);
        BigDecimal debits = BigDecimal.ZERO.setScale(2);

        @Override
        public void accept(CanonicalRecord record) {
            accepted++;
            lastLine = record.lineNo();
            if (record.attributes().get("direction").equals("DBIT")) {
                debitEntries++;
                debits = debits.add(record.amount());
            } else {
                credits = credits.add(record.amount());
            }
        }

        @Override
        public void reject(RowError error) {
            rejected++;
        }
    }
}
