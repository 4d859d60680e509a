package com.reconflow.ingest;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

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
 *
 * <p>The route imports several files at once. Files of one source are imported one after another:
 * a second file overlapping the first (a re-download) then finds the first one's records committed
 * and counts them as duplicates, instead of waiting on their row locks until the database gives up.
 */
@Component("inboxImport")
public class InboxImport {

    static final String SYSTEM_USER = "inbox";
    private static final Logger log = LoggerFactory.getLogger(InboxImport.class);

    private final ImportService imports;
    private final Map<String, ReentrantLock> sources = new ConcurrentHashMap<>();

    InboxImport(ImportService imports) {
        this.imports = imports;
    }

    public ImportResult importFile(@Header(Exchange.FILE_NAME) String relativePath, @Body File file) {
        Path relative = Path.of(relativePath);
        if (relative.getNameCount() != 2) {
            throw new FileRejectedException("file " + relativePath + " is not in a source folder <inbox>/<source>/");
        }
        String source = relative.getName(0).toString();
        ReentrantLock oneAtATime = sources.computeIfAbsent(source, s -> new ReentrantLock());
        oneAtATime.lock();
        try {
            return imports.importFile(new ImportRequest(source, relative.getFileName().toString(),
                    file.toPath(), null, null, SYSTEM_USER));
        } catch (DuplicateImportException again) {
            // Delivered twice (a retried transfer, a copy dropped again): done, nothing changes.
            log.info("{}: {}", relativePath, again.getMessage());
            return null;
        } finally {
            oneAtATime.unlock();
        }
    }
}
