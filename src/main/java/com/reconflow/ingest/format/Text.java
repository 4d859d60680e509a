package com.reconflow.ingest.format;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Decodes channel files, which come as UTF-8 (maybe with BOM) or, from older Chinese tools, GBK. */
final class Text {

    private Text() {
    }

    /**
     * UTF-8 without BOM when the bytes are valid UTF-8, GBK otherwise. With {@code head} the bytes are
     * a cut-off start of a file, so an incomplete multi-byte sequence at the very end is dropped
     * instead of counting as invalid UTF-8.
     */
    static String decode(byte[] bytes, boolean head) {
        int start = hasBom(bytes) ? 3 : 0;
        String utf8 = strictUtf8(ByteBuffer.wrap(bytes, start, bytes.length - start), head);
        return utf8 != null ? utf8 : new String(bytes, start, bytes.length - start, ChannelFile.gbk());
    }

    /** Whether the start of a file is valid UTF-8 (an incomplete last character allowed). */
    static boolean isUtf8(byte[] head) {
        int start = hasBom(head) ? 3 : 0;
        return strictUtf8(ByteBuffer.wrap(head, start, head.length - start), true) != null;
    }

    private static boolean hasBom(byte[] b) {
        return b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF;
    }

    /** The text, or null when the bytes are not valid UTF-8. */
    private static String strictUtf8(ByteBuffer in, boolean head) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        // endOfInput=false leaves an incomplete trailing sequence unconsumed rather than malformed
        if (decoder.decode(in, out, !head).isError()) {
            return null;
        }
        if (!head && (in.hasRemaining() || decoder.flush(out).isError())) {
            return null;
        }
        return out.flip().toString();
    }
}
