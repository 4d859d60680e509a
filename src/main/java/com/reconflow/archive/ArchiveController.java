package com.reconflow.archive;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.reconflow.run.NoSuchRun;
import com.reconflow.run.Run;
import com.reconflow.run.RunService;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The archive of a run once the run is archived, and the check of the whole archive chain. */
@RestController
class ArchiveController {

    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final ArchiveService archives;
    private final ArchiveVerifier verifier;
    private final RunService runs;

    ArchiveController(ArchiveService archives, ArchiveVerifier verifier, RunService runs) {
        this.archives = archives;
        this.verifier = verifier;
        this.runs = runs;
    }

    /** 404 for no such run; 409 while the run is still open: the workbook is written when it archives. */
    @GetMapping("/api/runs/{id}/report.xlsx")
    ResponseEntity<Resource> report(@PathVariable long id) {
        Run run = runs.require(id);
        InputStream xlsx = archives.report(id).orElseThrow(() -> notArchived(run));
        return file(new InputStreamResource(xlsx), XLSX, "reconciliation-run-" + id + ".xlsx");
    }

    /** As the workbook; 404 too for a run archived before vouchers were written. */
    @GetMapping("/api/runs/{id}/voucher.pdf")
    ResponseEntity<Resource> voucher(@PathVariable long id) {
        Run run = runs.require(id);
        Optional<byte[]> pdf = archives.voucher(id);
        if (pdf.isEmpty()) {
            if (archives.isArchived(id)) {
                throw new Unavailable(HttpStatus.NOT_FOUND,
                        "run #" + id + " was archived before vouchers were written: it has a workbook only");
            }
            throw notArchived(run);
        }
        return file(new ByteArrayResource(pdf.get()), MediaType.APPLICATION_PDF,
                "reconciliation-run-" + id + "-voucher.pdf");
    }

    /** {@code {ok, records, chained, lastHash}}, and {@code firstBroken: {runId, businessDate, seq, reason}} when not ok. */
    @GetMapping("/api/archive/verify")
    Map<String, Object> verify() {
        ArchiveVerifier.Verification verification = verifier.verify();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", verification.ok());
        body.put("records", verification.records());
        body.put("chained", verification.chained());
        body.put("lastHash", verification.lastHash());
        if (verification.firstBroken() != null) {
            var broken = verification.firstBroken();
            Map<String, Object> first = new LinkedHashMap<>();
            first.put("runId", broken.runId());
            first.put("businessDate", broken.businessDate() == null ? null : broken.businessDate().toString());
            first.put("seq", broken.seq());
            first.put("reason", broken.reason());
            body.put("firstBroken", first);
        }
        return body;
    }

    /** No such run: as a file that is not there, a {@code {message}} whatever file was asked for. */
    @ExceptionHandler(NoSuchRun.class)
    ResponseEntity<Map<String, String>> noSuchRun(NoSuchRun e) {
        return ResponseEntity.status(e.getStatusCode()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("message", e.getReason()));
    }

    /** A file that is not there, with the reason as {@code {message}}. */
    @ExceptionHandler(Unavailable.class)
    ResponseEntity<Map<String, String>> unavailable(Unavailable e) {
        return ResponseEntity.status(e.status).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("message", e.getMessage()));
    }

    private Unavailable notArchived(Run run) {
        return new Unavailable(HttpStatus.CONFLICT, "run #" + run.id() + " is " + runs.status(run)
                + ": its archive is written when every discrepancy is decided and the run is archived");
    }

    private static final class Unavailable extends RuntimeException {
        private final HttpStatus status;

        Unavailable(HttpStatus status, String message) {
            super(message);
            this.status = status;
        }
    }

    private static ResponseEntity<Resource> file(Resource content, MediaType type, String name) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(content);
    }
}
