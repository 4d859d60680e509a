package com.reconflow.demo;

import java.util.Arrays;

/**
 * One generated channel file, to be dropped into the inbox as {@code <inbox>/<source>/<fileName>}.
 *
 * <p>{@code content} is the exact bytes of the file (encoding, BOM and line endings included).
 * Equality compares the bytes, so two generated days can be compared as values.
 */
public record DemoFile(String source, String fileName, byte[] content) {

    @Override
    public boolean equals(Object other) {
        return other instanceof DemoFile that
                && source.equals(that.source)
                && fileName.equals(that.fileName)
                && Arrays.equals(content, that.content);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * source.hashCode() + fileName.hashCode()) + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "DemoFile[" + source + "/" + fileName + ", " + content.length + " bytes]";
    }
}
