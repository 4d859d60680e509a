package com.reconflow.ingest;

import java.io.File;
import java.nio.file.Path;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Called by the inbox route for each file in {@code <inbox>/<source>/}: the folder names the source.
 * A rejected file makes the route move it to {@code .error/} with the message as its reason; a
 * file whose bytes were imported before goes to {@code .done/} like any imported one.
 */
@Component("inboxImport")
public class InboxImport {

    static final String SYSTEM_USER = "inbox";
    private static final Logger log = LoggerFactory.getLogger(InboxImport.class);

    private final ImportService imports;

    InboxImport(ImportService imports) {
        this.imports = imports;
    }

    public ImportResult importFile(@Header(Exchange.FILE_NAME) String relativePath, @Body File file) {
        Path relative = Path.of(relativePath);
        if (relative.getNameCount() != 2) {
            throw new FileRejectedException("file " + relativePath + " is not in a source folder <inbox>/<source>/");
        }
        String source = relative.getName(0).toString();
        try {
            return imports.importFile(new ImportRequest(source, relative.getFileName().toString(),
                    file.toPath(), null, null, SYSTEM_USER));
        } catch (DuplicateImportException again) {
            // Delivered twice (a retried transfer, a copy dropped again): done, nothing changes.
            log.info("{}: {}", relativePath, again.getMessage());
            return null;
        }
    }
}
