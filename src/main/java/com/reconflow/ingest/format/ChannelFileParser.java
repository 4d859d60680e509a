package com.reconflow.ingest.format;

import com.reconflow.ingest.FileRejectedException;
import com.reconflow.ingest.ParsedFile;
import com.reconflow.ingest.RecordSink;

/**
 * Reads one file layout into canonical records. Implementations are plain Java: no Spring, Camel or
 * Camunda, so they can be tested on bytes alone.
 */
public interface ChannelFileParser {

    /** The format id of the public contract, e.g. {@code wechatpay-tradebill}. */
    String formatId();

    /** Whether the file's content (header, preamble, root element) is this layout; never the name. */
    boolean recognises(ChannelFile file);

    /**
     * Reads the whole file. Rows that cannot be read are returned as rejected rows; a file whose
     * structure is wrong (missing column, totals that disagree, empty) throws.
     */
    ParsedFile parse(ChannelFile file) throws FileRejectedException;

    /**
     * Reads the file row by row into the sink. Rows that cannot be read go to the sink as rejected;
     * a file whose structure is wrong (missing column, totals that disagree, empty) throws, possibly
     * after rows were handed over.
     */
    default void parse(ChannelFile file, RecordSink sink) throws FileRejectedException {
        ParsedFile parsed = parse(file);
        parsed.records().forEach(sink::accept);
        parsed.rejectedRows().forEach(sink::reject);
    }
}
