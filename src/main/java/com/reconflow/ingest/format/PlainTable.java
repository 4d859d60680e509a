package com.reconflow.ingest.format;

import com.reconflow.ingest.CanonicalRecord;
import com.reconflow.ingest.FileRejectedException;
import com.reconflow.ingest.RecordSink;
import com.reconflow.ingest.RowError;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The simple layout (a header on the first line or row, data rows below it) of a CSV file or the first sheet of
 * an XLSX workbook, read for layouts whose rows are not records: each row comes as its values by column name,
 * with its line and its original text. Read exactly as the record layouts are read: a UTF-8 BOM skipped,
 * Excel's decorations cleaned, a row of the wrong width quarantined.
 */
public final class PlainTable {

    /** One data row: the line (or spreadsheet row) it starts on, its text as read and its cleaned values. */
    public record Row(int line, String raw, Map<String, String> values) {

        /** The cleaned value of the column, "" when empty or when the layout has no such column. */
        public String get(String column) {
            String value = values.get(column);
            return value == null ? "" : value;
        }
    }

    /** Where the rows go, one at a time, as they are read. */
    public interface Rows {
        void row(Row row);

        /** A row that could not be read at all (a quote never closed, the wrong number of fields). */
        void reject(RowError error);

        /** The header, read on {@code line}, of the rows that follow. */
        void columns(int line, List<String> names);
    }

    private PlainTable() {
    }

    /** The cleaned cells of the file's header: the first non-blank line, or the first sheet's first row. */
    public static List<String> header(ChannelFile file) {
        return file.isZip() ? SheetTable.firstRow(file) : Table.firstCells(file.head(), l -> false);
    }

    /**
     * Reads every data row into {@code rows}.
     *
     * @throws FileRejectedException when a required column is missing or the file has no data rows
     */
    public static void read(ChannelFile file, List<String> required, Rows rows) {
        Function<Header, Table.RowMapper> mapping = h -> row -> {
            rows.row(new Row(row.line(), row.raw(), h.attributes(row.cells(), h.names())));
            return null;
        };
        RecordSink sink = new RecordSink() {
            @Override
            public void accept(CanonicalRecord record) {
                // the rows went to Rows already
            }

            @Override
            public void reject(RowError error) {
                rows.reject(error);
            }

            @Override
            public void columns(int line, List<String> names) {
                rows.columns(line, names);
            }
        };
        if (file.isZip()) {
            SheetTable.simple(file, 0, required, mapping, sink);
        } else {
            Table.simple(file, Table.QUOTED, UnaryOperator.identity(), required, mapping, sink);
        }
    }
}
