package com.reconflow.archive;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The archived report of a run, once the run is archived. */
@RestController
class ReportController {

    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final ArchiveService archives;

    ReportController(ArchiveService archives) {
        this.archives = archives;
    }

    @GetMapping("/api/runs/{id}/report.xlsx")
    ResponseEntity<byte[]> report(@PathVariable long id) {
        byte[] xlsx = archives.report(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "run #" + id + " has no report: it does not exist or is not archived yet"));
        return ResponseEntity.ok()
                .contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("reconciliation-run-" + id + ".xlsx").build().toString())
                .body(xlsx);
    }
}
