package com.reconflow.archive;

import com.reconflow.run.Run;
import com.reconflow.run.RunService;
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
    private final RunService runs;

    ReportController(ArchiveService archives, RunService runs) {
        this.archives = archives;
        this.runs = runs;
    }

    /** 404 for no such run; 409 while the run is still open: the report is written when it archives. */
    @GetMapping("/api/runs/{id}/report.xlsx")
    ResponseEntity<byte[]> report(@PathVariable long id) {
        Run run = runs.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no run #" + id));
        byte[] xlsx = archives.report(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.CONFLICT,
                "run #" + id + " is " + runs.status(run) + ": its report is written when every discrepancy "
                        + "is decided and the run is archived"));
        return ResponseEntity.ok()
                .contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("reconciliation-run-" + id + ".xlsx").build().toString())
                .body(xlsx);
    }
}
