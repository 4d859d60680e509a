package com.reconflow.ingest.format;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;

/**
 * A file handed to a parser: where its bytes are, the name it arrived under (for messages only,
 * never for detection) and the zone its local times are written in. Parsers read it as a stream.
 */
public record ChannelFile(String fileName, Path path, ZoneId zone) {

    private static final Charset GBK = Charset.forName("GBK");
    private static final int HEAD_BYTES = 8192;

    /** Bytes held in memory (tests, zip members): kept in a temporary file so parsers stream alike. */
    public static ChannelFile ofBytes(String fileName, byte[] content, ZoneId zone) {
        try {
            Path temp = Files.createTempFile("reconflow-", ".channel");
            temp.toFile().deleteOnExit();
            return new ChannelFile(fileName, Files.write(temp, content), zone);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot buffer " + fileName, e);
        }
    }

    public long size() {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + fileName, e);
        }
    }

    /** The raw bytes, streamed. */
    public InputStream open() throws IOException {
        return Files.newInputStream(path);
    }

    /** The first bytes of the file, for detection. */
    public byte[] headBytes() {
        try (InputStream in = open()) {
            return in.readNBytes(HEAD_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + fileName, e);
        }
    }

    /** The start of the file as text, in UTF-8 without BOM, or GBK when it is not valid UTF-8. */
    public String head() {
        return Text.decode(headBytes(), true);
    }

    /** UTF-8 when the start of the file is valid UTF-8 (a BOM or not), GBK otherwise. */
    public Charset charset() {
        return Text.isUtf8(headBytes()) ? StandardCharsets.UTF_8 : GBK;
    }

    /** The file as text in its charset, BOM skipped, streamed. */
    public BufferedReader reader() throws IOException {
        InputStream in = open();
        byte[] bom = in.readNBytes(3);
        boolean hasBom = bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF;
        InputStream rest = hasBom ? in : new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(bom), in);
        return new BufferedReader(new InputStreamReader(rest, charset()), 1 << 16);
    }

    /** The whole file in memory; only for small files, until every parser streams. */
    public byte[] content() {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + fileName, e);
        }
    }

    /** The whole file as text; only for small files, until every parser streams. */
    public String text() {
        return Text.decode(content(), false);
    }

    static Charset gbk() {
        return GBK;
    }

    static Charset utf8() {
        return StandardCharsets.UTF_8;
    }
}
