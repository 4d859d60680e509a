package com.reconflow.ingest.format;

import java.time.ZoneId;
import java.util.List;
import java.util.function.UnaryOperator;

import com.reconflow.ingest.CanonicalRecord;
import com.reconflow.ingest.FileRejectedException;
import com.reconflow.ingest.RecordSink;
import com.reconflow.ingest.format.Lines.Line;
import com.reconflow.ingest.format.Table.Row;

/**
 * What Alipay's merchant bills share: a {@code #} preamble, a header, the rows up to the first
 * {@code #} line, then a {@code #} footer whose totals must agree with the rows; plain or as the
 * downloaded {@code csv.zip}. A bill kind says how its rows map, what it adds up while they pass
 * ({@code T}) and how the footer is checked against that.
 */
abstract class AlipayBillParser<T extends RecordSink> implements ChannelFileParser {

    private final String title;
    private final String member;
    private final List<String> signature;
    private final List<String> required;

    AlipayBillParser(String title, String member, List<String> signature, List<String> required) {
        this.title = title;
        this.member = member;
        this.signature = signature;
        this.required = required;
    }

    @Override
    public final boolean recognises(ChannelFile file) {
        if (file.isZip()) {
            return AlipayBills.zipHolds(file, member);
        }
        return AlipayBills.hasTitle(file, title)
                || Table.firstCells(file.head(), l -> l.startsWith("#")).containsAll(signature);
    }

    @Override
    public final void parse(ChannelFile file, RecordSink sink) {
        if (file.isZip()) {
            AlipayBills.parseMember(file, member, csv -> parseCsv(csv, sink));
        } else {
            parseCsv(file, sink);
        }
    }

    /** Wraps the sink to add up what the footer will be checked against. */
    abstract T tally(RecordSink sink);

    abstract CanonicalRecord toRecord(Header h, Row row, ZoneId zone);

    /** @param rows the data rows read, good or bad */
    abstract void checkFooter(String name, List<Line> footer, int rows, T tally);

    private void parseCsv(ChannelFile file, RecordSink sink) {
        String name = file.fileName();
        ZoneId zone = file.zone();
        try (Lines lines = Lines.open(file)) {
            Line first = AlipayBills.header(lines);
            if (first == null) {
                throw new FileRejectedException(name + " is empty: no header row");
            }
            // the detail list ends at the first '#' line
            Table table = Table.read(name, first, lines, Table.QUOTED, UnaryOperator.identity(), AlipayBills::isComment);
            Header h = table.header().require(required);
            T tally = tally(sink);
            int rows = table.emit(tally, row -> toRecord(h, row, zone));
            checkFooter(name, AlipayBills.footer(name, lines), rows, tally);
        }
    }
}
