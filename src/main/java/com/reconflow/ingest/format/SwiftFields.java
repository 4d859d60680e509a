package com.reconflow.ingest.format;

import com.reconflow.ingest.FileRejectedException;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fields of SWIFT text blocks read line by line, each with the line it starts on: {@code :61:}
 * and its continuation lines are one field. Message envelopes ({@code {1:...}{2:...}{4:} and
 * {@code -}}, a lone {@code -} between messages, RJE's {@code $}) are taken apart here; the end of a
 * message is handed on as a field named {@link #END}.
 */
final class SwiftFields {

    /** The pseudo field name for the end of a message's text block. */
    static final String END = "-";

    private static final Pattern TAG = Pattern.compile(":(\\d{2}[A-Z]?):(.*)");

    /** One field: its tag without colons (e.g. {@code 61}), its value with continuation lines after {@code \n}. */
    record Field(int line, String tag, String value) {

        /** The field as written, on one line. */
        String raw() {
            return ":" + tag + ":" + value.replace("\n", " ");
        }
    }

    private final String fileName;
    private final BufferedReader reader;
    private final Deque<Field> ready = new ArrayDeque<>();
    private int lineNo;
    private boolean inHeader;
    private Field pending;

    SwiftFields(String fileName, BufferedReader reader) {
        this.fileName = fileName;
        this.reader = reader;
    }

    /** The next field, or null at the end of the file. */
    Field next() throws IOException {
        while (ready.isEmpty()) {
            String line = reader.readLine();
            if (line == null) {
                flush();
                return ready.poll();
            }
            lineNo++;
            String content = envelope(line);
            if (content == null) {
                continue;
            }
            String trimmed = content.strip();
            Matcher tag = TAG.matcher(content);
            if (trimmed.equals("-") || trimmed.startsWith("-}")) {
                // a trailer block may follow on the same line
                flush();
                ready.add(new Field(lineNo, END, ""));
            } else if (tag.matches()) {
                flush();
                pending = new Field(lineNo, tag.group(1), tag.group(2));
            } else if (pending != null) {
                pending = new Field(pending.line(), pending.tag(), pending.value() + "\n" + content);
            } else {
                throw new FileRejectedException(fileName + ": line " + lineNo + ": expected a field like :20:"
                        + " or :61:, found '" + shorten(content) + "'");
            }
        }
        return ready.poll();
    }

    private void flush() {
        if (pending != null) {
            ready.add(pending);
            pending = null;
        }
    }

    /**
     * The part of a line inside a text block, or null for a line that carries none: blank, the message
     * header blocks before {@code {4:}, a trailer block, an RJE {@code $} separator.
     */
    private String envelope(String line) {
        String text = line.replace("\uFEFF", "");
        if (text.startsWith("$")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            return null;
        }
        if (inHeader || text.startsWith("{")) {
            int block4 = text.indexOf("{4:");
            if (block4 < 0) {
                // header blocks may run over several lines until the text block opens
                inHeader = inHeader || text.startsWith("{1:") || text.startsWith("{2:");
                return null;
            }
            inHeader = false;
            String rest = text.substring(block4 + 3);
            return rest.isBlank() ? null : rest.stripTrailing();
        }
        return text.stripTrailing();
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
}
