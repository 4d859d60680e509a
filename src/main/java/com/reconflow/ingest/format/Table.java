package com.reconflow.ingest.format;

import com.reconflow.ingest.CanonicalRecord;
import com.reconflow.ingest.FileRejectedException;
import com.reconflow.ingest.RecordSink;
import com.reconflow.ingest.RowError;
import com.reconflow.ingest.format.Cells.BadValue;
import com.reconflow.ingest.format.Lines.Line;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A header and the data rows under it, read one record at a time from the file's {@link Lines}.
 * Files are read line by line (preambles, footers and summary blocks are not CSV, and every row needs
 * its physical line number); Commons CSV splits each record.
 */
final class Table {

    static final CSVFormat QUOTED = CSVFormat.DEFAULT;
    /** WeChat bills never quote, so a {@code "} in a product name is just a character. */
    static final CSVFormat UNQUOTED = CSVFormat.DEFAULT.builder().setQuote(null).get();

    /** A quoted field may span lines; beyond this many the quote is taken as a stray one. */
    private static final int MAX_LINES_PER_RECORD = 20;

    /** One record: the line (or spreadsheet row) it starts on, its original text and its (uncleaned) fields. */
    record Row(int line, String raw, List<String> cells) {
    }

    interface RowMapper {
        /** Maps a row whose width matches the header; throws {@link BadValue} for an unreadable value. */
        CanonicalRecord map(Row row);
    }

    private final Header header;
    private final int headerLine;
    private final Lines lines;
    private final CSVFormat format;
    private final UnaryOperator<String> fix;
    private final Predicate<Line> end;

    private Table(Header header, int headerLine, Lines lines, CSVFormat format, UnaryOperator<String> fix,
                  Predicate<Line> end) {
        this.header = header;
        this.headerLine = headerLine;
        this.lines = lines;
        this.format = format;
        this.fix = fix;
        this.end = end;
    }

    /**
     * The table whose header is {@code header} and whose data are the lines that follow, up to the first
     * line matching {@code end} (left unread) or the end of the file. {@code fix} rewrites a record
     * before splitting (the raw text is kept as read).
     */
    static Table read(String fileName, Line header, Lines lines, CSVFormat format, UnaryOperator<String> fix,
                      Predicate<Line> end) {
        try {
            return new Table(new Header(fileName, split(format, fix.apply(header.text()))), header.no(), lines, format,
                    fix, end);
        } catch (BadValue e) {
            throw new FileRejectedException(fileName + ": header on line " + header.no() + " is not CSV: "
                    + e.getMessage());
        }
    }

    /**
     * The simple layout: a header on the first non-blank line, which must have the required columns,
     * and data rows below it, each mapped and handed to the sink as it is read.
     */
    static void simple(ChannelFile file, CSVFormat format, UnaryOperator<String> fix, List<String> required,
                       Function<Header, RowMapper> mapping, RecordSink sink) {
        simple(file, null, 0, format, fix, required, mapping, sink);
    }

    /**
     * As {@link #simple(ChannelFile, CSVFormat, UnaryOperator, List, Function, RecordSink)}, read in
     * {@code charset} (null: as the file's start suggests) with the header searched after {@code skipLines} lines.
     */
    static void simple(ChannelFile file, Charset charset, int skipLines, CSVFormat format, UnaryOperator<String> fix,
                       List<String> required, Function<Header, RowMapper> mapping, RecordSink sink) {
        try (Lines lines = Lines.open(file, charset)) {
            for (int i = 0; i < skipLines; i++) {
                lines.next();
            }
            Line first = lines.nextNonBlank();
            if (first == null) {
                throw new FileRejectedException(file.fileName() + " is empty");
            }
            Table table = read(file.fileName(), first, lines, format, fix, l -> false);
            table.header().require(required);
            if (table.emit(sink, mapping.apply(table.header())) == 0) {
                throw new FileRejectedException(file.fileName() + " is empty: it has a header but no data rows");
            }
        }
    }

    Header header() {
        return header;
    }

    /** Reads, maps and hands over every data row; returns how many rows (records and errors) were handed. */
    int emit(RecordSink sink, RowMapper mapper) {
        return emit(sink, UnaryOperator.identity(), mapper);
    }

    /** As {@link #emit(RecordSink, RowMapper)}, with {@code repair} applied to each row before its width is checked. */
    int emit(RecordSink sink, UnaryOperator<Row> repair, RowMapper mapper) {
        sink.columns(headerLine, header.names());
        boolean quotes = format.getQuoteCharacter() != null;
        int handed = 0;
        for (Line first = lines.next(); first != null; first = lines.next()) {
            if (end.test(first)) {
                lines.pushBack(List.of(first));
                break;
            }
            if (first.blank()) {
                continue;
            }
            handed++;
            String raw = first.text();
            List<Line> continuation = new ArrayList<>();
            while (quotes && openQuote(fix.apply(raw)) && continuation.size() + 1 < MAX_LINES_PER_RECORD) {
                Line more = lines.next();
                if (more == null || end.test(more)) {
                    lines.pushBack(more == null ? List.of() : List.of(more));
                    break;
                }
                continuation.add(more);
                raw = raw + "\n" + more.text();
            }
            if (quotes && openQuote(fix.apply(raw))) {
                lines.pushBack(continuation); // a stray quote: the lines after it are rows of their own
                sink.reject(new RowError(first.no(), null, "a quoted field is never closed", first.text()));
                continue;
            }
            Row row;
            try {
                row = new Row(first.no(), raw, split(format, fix.apply(raw)));
            } catch (BadValue e) {
                sink.reject(new RowError(first.no(), null, e.getMessage(), raw));
                continue;
            }
            map(header, repair.apply(row), mapper, sink);
        }
        return handed;
    }

    /** Maps one row; a row of the wrong width or with an unreadable value goes to the sink as a {@link RowError}. */
    static void map(Header header, Row row, RowMapper mapper, RecordSink sink) {
        CanonicalRecord record;
        try {
            record = mapper.map(checkWidth(header, row));
        } catch (BadValue e) {
            sink.reject(new RowError(row.line(), e.field(), e.getMessage(), row.raw()));
            return;
        }
        sink.accept(record);
    }

    static Row checkWidth(Header header, Row row) {
        int n = row.cells().size();
        if (n != header.size()) {
            throw new BadValue(null, "row has " + n + " fields but the header has " + header.size()
                    + (n > header.size() ? " (an unquoted comma inside a value?)" : ""));
        }
        return row;
    }

    /** The cleaned cells of the first non-blank line not matching {@code skip}; for recognising layouts. */
    static List<String> firstCells(String head, Predicate<String> skip) {
        return firstCells(head, 0, QUOTED, skip);
    }

    /** As {@link #firstCells(String, Predicate)}, after {@code skipLines} lines and split as {@code format}. */
    static List<String> firstCells(String head, int skipLines, CSVFormat format, Predicate<String> skip) {
        return Lines.all(head).stream()
                .skip(skipLines)
                .filter(l -> !l.blank() && !skip.test(l.text()))
                .findFirst()
                .map(l -> {
                    try {
                        return split(format, l.text()).stream().map(Cells::clean).toList();
                    } catch (BadValue e) {
                        return List.<String>of();
                    }
                })
                .orElse(List.of());
    }

    static List<String> split(CSVFormat format, String record) {
        if (isPlain(format, record)) {
            return splitPlain(record);
        }
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

    /**
     * A record with no quote character and no line break: the fields are exactly the text between the
     * commas, as Commons CSV would read them. Most rows of most bills are like this; a parser per row
     * would cost more than the rest of the import's reading.
     */
    private static boolean isPlain(CSVFormat format, String record) {
        if (record.isEmpty() || !",".equals(format.getDelimiterString()) || format.getEscapeCharacter() != null
                || format.getCommentMarker() != null || format.getTrim() || format.getIgnoreSurroundingSpaces()
                || format.getTrailingDelimiter()) {
            return false;
        }
        Character quote = format.getQuoteCharacter();
        for (int i = 0; i < record.length(); i++) {
            char c = record.charAt(i);
            if (c == '\r' || c == '\n' || (quote != null && c == quote)) {
                return false;
            }
        }
        return true;
    }

    private static List<String> splitPlain(String record) {
        List<String> fields = new ArrayList<>();
        int start = 0;
        for (int comma = record.indexOf(','); comma >= 0; comma = record.indexOf(',', start)) {
            fields.add(record.substring(start, comma));
            start = comma + 1;
        }
        fields.add(record.substring(start));
        return fields;
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
