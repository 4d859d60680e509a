package com.reconflow.ingest.format;

import com.reconflow.ingest.CanonicalRecord;
import com.reconflow.ingest.FileRejectedException;
import com.reconflow.ingest.ParsedFile;
import com.reconflow.ingest.RowError;
import com.reconflow.ingest.format.Cells.BadValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A header and the data rows under it. Files are read line by line (preambles, footers and summary
 * blocks are not CSV, and every row needs its physical line number); Commons CSV splits each record.
 */
record Table(Header header, List<Row> rows, List<RowError> errors) {

    static final CSVFormat QUOTED = CSVFormat.DEFAULT;
    /** WeChat bills never quote, so a {@code "} in a product name is just a character. */
    static final CSVFormat UNQUOTED = CSVFormat.DEFAULT.builder().setQuote(null).get();

    /** A quoted field may span lines; beyond this many the quote is taken as a stray one. */
    private static final int MAX_LINES_PER_RECORD = 20;

    /** One physical line, 1-based, without its terminator. */
    record Line(int no, String text) {
        boolean blank() {
            return text.isBlank();
        }
    }

    /** One CSV record: the line it starts on, its original text and its (uncleaned) fields. */
    record Row(int line, String raw, List<String> cells) {
    }

    interface RowMapper {
        /** Maps a row whose width matches the header; throws {@link BadValue} for an unreadable value. */
        CanonicalRecord map(Row row);
    }

    static List<Line> lines(String text) {
        List<Line> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.add(new Line(out.size() + 1, text.substring(start, i)));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(new Line(out.size() + 1, text.substring(start)));
        }
        return out;
    }

    /** The cleaned cells of the first non-blank line not matching {@code skip}; for recognising layouts. */
    static List<String> firstCells(String text, Predicate<String> skip) {
        return lines(text).stream()
                .filter(l -> !l.blank() && !skip.test(l.text()))
                .findFirst()
                .map(l -> {
                    try {
                        return split(QUOTED, l.text()).stream().map(Cells::clean).toList();
                    } catch (BadValue e) {
                        return List.<String>of();
                    }
                })
                .orElse(List.of());
    }

    /**
     * The simple layout: a header on the first non-blank line, which must have the required columns,
     * and data rows below it.
     */
    static Table simple(ChannelFile file, CSVFormat format, UnaryOperator<String> fix, List<String> required) {
        List<Line> lines = lines(file.text()).stream().filter(l -> !l.blank()).toList();
        if (lines.isEmpty()) {
            throw new FileRejectedException(file.fileName() + " is empty");
        }
        Table table = read(file.fileName(), lines.get(0), lines.subList(1, lines.size()), format, fix);
        table.header().require(required);
        if (table.rows().isEmpty() && table.errors().isEmpty()) {
            throw new FileRejectedException(file.fileName() + " is empty: it has a header but no data rows");
        }
        return table;
    }

    /**
     * Reads a header and the consecutive data lines below it. {@code fix} rewrites a record before
     * splitting (the raw text is kept as read).
     */
    static Table read(String fileName, Line header, List<Line> data, CSVFormat format, UnaryOperator<String> fix) {
        List<String> headerCells;
        try {
            headerCells = split(format, fix.apply(header.text()));
        } catch (BadValue e) {
            throw new FileRejectedException(fileName + ": header on line " + header.no() + " is not CSV: "
                    + e.getMessage());
        }
        List<Row> rows = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        boolean quotes = format.getQuoteCharacter() != null;
        int i = 0;
        while (i < data.size()) {
            Line first = data.get(i);
            if (first.blank()) {
                i++;
                continue;
            }
            String raw = first.text();
            int last = i;
            while (quotes && openQuote(fix.apply(raw)) && last + 1 < data.size()
                    && last - i + 1 < MAX_LINES_PER_RECORD) {
                raw = raw + "\n" + data.get(++last).text();
            }
            if (quotes && openQuote(fix.apply(raw))) {
                errors.add(new RowError(first.no(), null, "a quoted field is never closed", first.text()));
                i++;
                continue;
            }
            try {
                rows.add(new Row(first.no(), raw, split(format, fix.apply(raw))));
            } catch (BadValue e) {
                errors.add(new RowError(first.no(), null, e.getMessage(), raw));
            }
            i = last + 1;
        }
        return new Table(new Header(fileName, headerCells), rows, errors);
    }

    /** Maps every row; a row of the wrong width or with an unreadable value becomes a {@link RowError}. */
    ParsedFile parse(String formatId, RowMapper mapper) {
        List<CanonicalRecord> records = new ArrayList<>();
        List<RowError> rejected = new ArrayList<>(errors);
        for (Row row : rows) {
            try {
                records.add(mapper.map(checkWidth(row)));
            } catch (BadValue e) {
                rejected.add(new RowError(row.line(), e.field(), e.getMessage(), row.raw()));
            }
        }
        rejected.sort(Comparator.comparingInt(RowError::line));
        return new ParsedFile(formatId, records, rejected);
    }

    Row checkWidth(Row row) {
        int n = row.cells().size();
        if (n != header.size()) {
            throw new BadValue(null, "row has " + n + " fields but the header has " + header.size()
                    + (n > header.size() ? " (an unquoted comma inside a value?)" : ""));
        }
        return row;
    }

    static List<String> split(CSVFormat format, String record) {
        try (CSVParser parser = CSVParser.parse(record, format)) {
            List<CSVRecord> records = parser.getRecords();
            if (records.size() != 1) {
                throw new BadValue(null, "not a single CSV record");
            }
            return records.get(0).toList();
        } catch (IOException | UncheckedIOException e) {
            throw new BadValue(null, "malformed CSV: " + e.getMessage());
        }
    }

    /** Whether a quoted field is still open at the end, i.e. the record continues on the next line. */
    private static boolean openQuote(String s) {
        boolean quoted = false;
        boolean atFieldStart = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        i++;
                    } else {
                        quoted = false;
                    }
                }
            } else if (c == '"' && atFieldStart) {
                quoted = true;
            }
            atFieldStart = !quoted && c == ',';
        }
        return quoted;
    }
}
