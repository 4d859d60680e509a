package com.reconflow.ingest.sftp;

import java.nio.file.Path;

import com.reconflow.ingest.DuplicateImportException;
import com.reconflow.ingest.ImportRequest;
import com.reconflow.ingest.ImportResult;
import com.reconflow.ingest.ImportService;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Called by each provider's SFTP route with the local copy of one downloaded file: imports it for the
 * provider's source. A rejected file makes the route move it to {@code .error/} on the server with the
 * message as its reason; a file whose bytes were imported before is done like any imported one.
 */
@Component("sftpImport")
public class SftpImport {

    /** Header the route sets to the provider, which is also the source the file is imported for. */
    public static final String PROVIDER = "ReconSftpProvider";

    private static final Logger log = LoggerFactory.getLogger(SftpImport.class);

    private final ImportService imports;

    SftpImport(ImportService imports) {
        this.imports = imports;
    }

    public ImportResult importFile(@Header(PROVIDER) String provider, @Header(Exchange.FILE_NAME_ONLY) String fileName,
                                   @Header(Exchange.FILE_LOCAL_WORK_PATH) String localCopy) {
        if (localCopy == null) {
            throw new IllegalStateException("file " + fileName + " from SFTP provider " + provider
                    + " has no local copy: the route must download to a localWorkDirectory");
        }
        try {
            return imports.importFile(new ImportRequest(provider, fileName, Path.of(localCopy), null, null,
                    "sftp:" + provider));
        } catch (DuplicateImportException again) {
            // Uploaded twice by the provider (same bytes, any name): done, nothing changes.
            log.info("SFTP {}: {}", provider, again.getMessage());
            return null;
        }
    }
}
