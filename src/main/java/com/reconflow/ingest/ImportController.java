package com.reconflow.ingest;

import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.reconflow.security.CurrentUser;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/** {@code /api/imports}: upload a channel file, look at an import and its quarantined rows. */
@RestController
@RequestMapping("/api/imports")
class ImportController {

    private final ImportService imports;
    private final CurrentUser currentUser;

    ImportController(ImportService imports, CurrentUser currentUser) {
        this.imports = imports;
        this.currentUser = currentUser;
    }

    @PostMapping(consumes = "multipart/form-data")
    ResponseEntity<ImportResult> upload(@RequestParam("file") MultipartFile file,
                                        @RequestParam("source") String source,
                                        @RequestParam(value = "format", required = false) String format,
                                        @RequestParam(value = "businessDate", required = false)
                                        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate businessDate,
                                        @RequestParam(value = "corrects", required = false) Long corrects)
            throws IOException {
        String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()
                ? "upload" : file.getOriginalFilename();
        try (SpooledFile spool = SpooledFile.create("upload")) {
            file.transferTo(spool.path());
            ImportResult result = imports.importFile(
                    new ImportRequest(source, name, spool.path(), format, businessDate, currentUser.id(), corrects));
            return ResponseEntity.created(URI.create("/api/imports/" + result.id())).body(result);
        }
    }

    @GetMapping("/{id}")
    ImportResult get(@PathVariable long id) {
        return imports.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no import #" + id));
    }

    @ExceptionHandler(DuplicateImportException.class)
    ResponseEntity<Map<String, Object>> duplicate(DuplicateImportException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(Map.of("id", e.earlierImportId(), "status", "DUPLICATE", "message", e.getMessage()));
    }

    @ExceptionHandler(FileRejectedException.class)
    ResponseEntity<Map<String, Object>> rejected(FileRejectedException e) {
        return ResponseEntity.unprocessableEntity().body(Map.of(
                "status", ImportStatus.REJECTED.name(),
                "message", e.getMessage(),
                "errors", List.of(Map.of("message", e.getMessage()))));
    }
}
