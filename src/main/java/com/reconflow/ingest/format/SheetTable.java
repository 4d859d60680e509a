package com.reconflow.ingest.format;

import com.reconflow.ingest.FileRejectedException;
import com.reconflow.ingest.RecordSink;
import com.reconflow.ingest.RowError;
import com.reconflow.ingest.format.Table.Row;
import com.reconflow.ingest.format.Table.RowMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.commons.csv.CSVFormat;
import org.apache.poi.UnsupportedFileFormatException;
import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JRuntimeException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler.SheetContentsHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * The first sheet of an XLSX workbook as a table: a header row and data rows, read with POI's streaming
 * SAX reader so only one row is held at a time (the shared strings table is the one part kept in memory).
 * Each value comes as Excel shows it, except that date cells read {@code yyyy-MM-dd HH:mm:ss} and whole
 * numbers in General format in full (long order numbers stored as numbers). Line numbers are row numbers.
 */
final class SheetTable {

    private static final String WORKBOOK = "xl/workbook.xml";

    /** Hands over the rows of a sheet: the 1-based row number and the cells by column, gaps as "". */
    interface RowHandler {
        void row(int rowNo, List<String> cells);
    }

    /** Thrown from a handler to stop reading early. */
    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    private SheetTable() {
    }

    /** Whether the file is an XLSX workbook: a zip holding {@code xl/workbook.xml}. */
    static boolean isWorkbook(ChannelFile file) {
        return Zips.names(file).contains(WORKBOOK);
    }

    /** The cleaned cells of the first sheet's first non-empty row, or none when it cannot be read. */
    static List<String> firstRow(ChannelFile file) {
        return firstRow(file, 0);
    }

    /** As {@link #firstRow(ChannelFile)}, among the rows after the first {@code skipRows}. */
    static List<String> firstRow(ChannelFile file, int skipRows) {
        if (!isWorkbook(file)) {
            return List.of();
        }
        List<String> first = new ArrayList<>();
        try {
            read(file, (no, cells) -> {
                if (no <= skipRows) {
                    return;
                }
                first.addAll(cells.stream().map(Cells::clean).toList());
                throw new Stop();
            });
        } catch (FileRejectedException e) {
            return List.of();
        }
        return first;
    }

    /**
     * The simple layout in a sheet: the first non-empty row after {@code skipRows} rows is the header,
     * which must have the required columns; each row below is mapped and handed to the sink as it is read.
     */
    static void simple(ChannelFile file, int skipRows, List<String> required, Function<Header, RowMapper> mapping,
                       RecordSink sink) {
        class Rows implements RowHandler {
            Header header;
            RowMapper mapper;
            int handed;

            @Override
            public void row(int rowNo, List<String> cells) {
                if (rowNo <= skipRows) {
                    return;
                }
                if (header == null) {
                    header = new Header(file.fileName(), cells).require(required);
                    mapper = mapping.apply(header);
                    sink.columns(rowNo, header.names());
                    return;
                }
                handed++;
                String raw = CSVFormat.DEFAULT.format(cells.toArray());
                int width = header.size();
                for (int i = width; i < cells.size(); i++) {
                    if (!cells.get(i).isBlank()) {
                        sink.reject(new RowError(rowNo, null, "cell " + new CellReference(rowNo - 1, i).formatAsString()
                                + " has a value but no column header", raw));
                        return;
                    }
                }
                List<String> fitted = new ArrayList<>(cells.subList(0, Math.min(width, cells.size())));
                while (fitted.size() < width) {
                    fitted.add("");
                }
                Table.map(header, new Row(rowNo, raw, fitted), mapper, sink);
            }
        }
        Rows rows = new Rows();
        read(file, rows);
        if (rows.header == null) {
            throw new FileRejectedException(file.fileName() + " is empty: its first sheet has no header row");
        }
        if (rows.handed == 0) {
            throw new FileRejectedException(file.fileName() + " is empty: it has a header but no data rows");
        }
    }

    /** Reads the first sheet, handing each non-empty row to the handler. */
    static void read(ChannelFile file, RowHandler handler) {
        OPCPackage pkg;
        try {
            pkg = OPCPackage.open(file.path().toFile(), PackageAccess.READ);
        } catch (OpenXML4JException | POIXMLException | OpenXML4JRuntimeException | UnsupportedFileFormatException e) {
            throw new FileRejectedException(file.fileName() + ": not a readable XLSX workbook: " + e.getMessage(), e);
        }
        try {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new FileRejectedException(file.fileName() + ": the workbook has no sheet");
            }
            try (InputStream sheet = sheets.next()) {
                XMLReader xml = XMLHelper.newXMLReader();
                xml.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), strings,
                        new Collect(handler), new Formatter(), false));
                xml.parse(new InputSource(sheet));
            }
        } catch (Stop stop) {
            // the handler has what it wanted
        } catch (IOException | SAXException | OpenXML4JException | ParserConfigurationException | POIXMLException
                 | OpenXML4JRuntimeException e) {
            throw new FileRejectedException(file.fileName() + ": not a readable XLSX workbook: " + e.getMessage(), e);
        } finally {
            pkg.revert(); // opened read-only: nothing to save
        }
    }

    /** Gathers one row's cells by column and hands it over when it ends; empty rows are skipped. */
    private static final class Collect implements SheetContentsHandler {
        private final RowHandler handler;
        private final List<String> cells = new ArrayList<>();

        Collect(RowHandler handler) {
            this.handler = handler;
        }

        @Override
        public void startRow(int rowNum) {
            cells.clear();
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? cells.size() : new CellReference(reference).getCol();
            while (cells.size() < column) {
                cells.add("");
            }
            cells.add(value == null ? "" : value);
        }

        @Override
        public void endRow(int rowNum) {
            if (cells.stream().anyMatch(c -> !c.isBlank())) {
                handler.row(rowNum + 1, List.copyOf(cells));
            }
        }
    }

    /** Excel's display values, with dates in the one pattern the layouts read and whole numbers in full. */
    private static final class Formatter extends DataFormatter {
        private static final String TIME = "yyyy-MM-dd HH:mm:ss";

        Formatter() {
            super(Locale.ROOT);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return super.formatRawCellContents(value, formatIndex, TIME, use1904);
            }
            boolean general = formatIndex == 0 || "General".equalsIgnoreCase(formatString);
            if (general && value == Math.rint(value) && Math.abs(value) < 1e15) {
                return Long.toString((long) value);
            }
            return super.formatRawCellContents(value, formatIndex, formatString, use1904);
        }
    }
}
