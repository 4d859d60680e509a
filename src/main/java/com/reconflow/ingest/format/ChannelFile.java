package com.reconflow.ingest.format;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

/**
 * A file handed to a parser: its bytes, the name it arrived under (for messages only, never for
 * detection) and the zone its local times are written in.
 */
public record ChannelFile(String fileName, byte[] content, ZoneId zone) {

    private static final Charset GBK = Charset.forName("GBK");
    private static final int HEAD_BYTES = 8192;

    /** The start of the file as text, in UTF-8 without BOM, or GBK when it is not valid UTF-8. */
    public String head() {
        int n = Math.min(content.length, HEAD_BYTES);
        byte[] start = java.util.Arrays.copyOf(content, n);
        return Text.decode(start, true);
    }

    /** The whole file as text: UTF-8 (BOM stripped) where it is valid UTF-8, GBK otherwise. */
    public String text() {
        return Text.decode(content, false);
    }

    static Charset gbk() {
        return GBK;
    }

    static Charset utf8() {
        return StandardCharsets.UTF_8;
    }
}
