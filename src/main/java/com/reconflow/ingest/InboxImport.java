package com.reconflow.ingest;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * Called by the inbox route for each file in {@code <inbox>/<source>/}: the folder names the source.
 * Any exception makes the route move the file to {@code .error/} with the message as its reason.
 */
@Component("inboxImport")
public class InboxImport {

    static final String SYSTEM_USER = "inbox";

    private final ImportService imports;

    InboxImport(ImportService imports) {
        this.imports = imports;
    }

    public ImportResult importFile(@Header(Exchange.FILE_NAME) String relativePath, @Body File file) throws IOException {
        Path relative = Path.of(relativePath);
        if (relative.getNameCount() != 2) {
            throw new FileRejectedException("file " + relativePath + " is not in a source folder <inbox>/<source>/");
        }
        String source = relative.getName(0).toString();
        return imports.importFile(new ImportRequest(source, relative.getFileName().toString(),
                Files.readAllBytes(file.toPath()), null, null, SYSTEM_USER));
    }
}
