package com.reconflow.ingest.format;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
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

    /** Bytes held in memory (tests, small uploads): kept in a temporary file so parsers stream alike. */
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

    /** Whether the file starts like a zip archive (a zipped bill, an XLSX workbook). */
    public boolean isZip() {
        byte[] b = headBytes();
        return b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
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
        return reader(charset());
    }

    /** The file as text in the given charset, a UTF-8 BOM skipped, streamed. */
    public BufferedReader reader(Charset charset) throws IOException {
        InputStream in = open();
        byte[] bom = in.readNBytes(3);
        boolean hasBom = bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF;
        InputStream rest = hasBom ? in : new SequenceInputStream(new ByteArrayInputStream(bom), in);
        return new BufferedReader(new InputStreamReader(rest, charset), 1 << 16);
    }

    static Charset gbk() {
        return GBK;
    }
}
