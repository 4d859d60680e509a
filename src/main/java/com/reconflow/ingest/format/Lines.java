package com.reconflow.ingest.format;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The physical lines of a file, numbered from 1 and read one at a time, so a file of any size is held
 * only a line (or a short look-ahead) at a time. {@code \n}, {@code \r\n} and a lone {@code \r} end a line.
 */
final class Lines implements Closeable {

    /** One physical line, 1-based, without its terminator. */
    record Line(int no, String text) {
        boolean blank() {
            return text.isBlank();
        }
    }

    private final String fileName;
    private final BufferedReader reader;
    private final Deque<Line> pushedBack = new ArrayDeque<>();
    private int read;

    private Lines(String fileName, BufferedReader reader) {
        this.fileName = fileName;
        this.reader = reader;
    }

    static Lines open(ChannelFile file) {
        try {
            return new Lines(file.fileName(), file.reader());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.fileName(), e);
        }
    }

    /** The file read in the given charset, or in the one its start suggests when null. */
    static Lines open(ChannelFile file, Charset charset) {
        try {
            return new Lines(file.fileName(), charset == null ? file.reader() : file.reader(charset));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.fileName(), e);
        }
    }

    static Lines of(String text) {
        return new Lines("text", new BufferedReader(new StringReader(text)));
    }

    /** All lines of a short text, e.g. a file's head for recognising its layout. */
    static List<Line> all(String text) {
        List<Line> out = new ArrayList<>();
        try (Lines lines = of(text)) {
            for (Line l = lines.next(); l != null; l = lines.next()) {
                out.add(l);
            }
        }
        return out;
    }

    /** The next line, or null at the end of the file. */
    Line next() {
        if (!pushedBack.isEmpty()) {
            return pushedBack.pop();
        }
        try {
            String text = reader.readLine();
            return text == null ? null : new Line(++read, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + fileName + " after line " + read, e);
        }
    }

    /** The next line that is not blank, or null. */
    Line nextNonBlank() {
        Line l = next();
        while (l != null && l.blank()) {
            l = next();
        }
        return l;
    }

    /** The next line without consuming it, or null. */
    Line peek() {
        Line l = next();
        if (l != null) {
            pushedBack.push(l);
        }
        return l;
    }

    /** Makes lines read too far ahead come again, in their order. */
    void pushBack(List<Line> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            pushedBack.push(lines.get(i));
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + fileName, e);
        }
    }
}
