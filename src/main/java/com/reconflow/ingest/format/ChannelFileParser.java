package com.reconflow.ingest.format;

import com.reconflow.ingest.FileRejectedException;
import com.reconflow.ingest.RecordSink;

/**
 * Reads one file layout into canonical records. Implementations are plain Java: no Spring, Camel or
 * Camunda, so they can be tested on bytes alone.
 */
public interface ChannelFileParser {

    /** The format id of the public contract, e.g. {@code wechatpay-tradebill}. */
    String formatId();

    /**
     * Whether the file's content (header, preamble, root element) is this layout; never the name.
     * Looks at the start of the file only (or, for archives, at their directory and first rows).
     */
    boolean recognises(ChannelFile file);

    /**
     * Reads the file row by row into the sink, holding no more than a few rows in memory. Rows that
     * cannot be read go to the sink as rejected; a file whose structure is wrong (missing column, totals
     * that disagree, empty) throws, possibly after rows were handed over.
     */
    void parse(ChannelFile file, RecordSink sink) throws FileRejectedException;
}
