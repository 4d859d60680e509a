package com.reconflow.cost;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;

import com.reconflow.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code /api/costs}: import a cost list (all or nothing), read one SKU's unit cost on a date. */
@RestController
@RequestMapping("/api/costs")
class CostController {

    private final CostLists costLists;
    private final CurrentUser currentUser;

    CostController(CostLists costLists, CurrentUser currentUser) {
        this.costLists = costLists;
        this.currentUser = currentUser;
    }

    @PostMapping(consumes = "multipart/form-data")
    ResponseEntity<CostLists.CostList> importList(@RequestParam("file") MultipartFile file,
                                                  @RequestParam(value = "validFrom", required = false) String validFrom)
            throws IOException {
        String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()
                ? "upload" : file.getOriginalFilename();
        CostLists.CostList list = costLists.importList(name, file.getBytes(), date("validFrom", validFrom),
                currentUser.id());
        return ResponseEntity.status(HttpStatus.CREATED).body(list);
    }

    @GetMapping
    ResponseEntity<?> cost(@RequestParam(value = "sku", required = false) String sku,
                           @RequestParam(value = "date", required = false) String date) {
        if (sku == null || sku.isBlank()) {
            throw new BadParameter("sku", "give the SKU");
        }
        LocalDate day = date("date", date);
        LocalDate on = day == null ? costLists.today() : day;
        var cost = costLists.costOn(sku.strip(), on);
        if (cost.isPresent()) {
            return ResponseEntity.ok(cost.get());
        }
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(Map.of("message", "no cost for SKU " + sku.strip() + " on " + on));
    }

    @ExceptionHandler(CostLists.DuplicateCostList.class)
    ResponseEntity<Map<String, Object>> duplicate(CostLists.DuplicateCostList e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("id", e.id, "message", e.getMessage()));
    }

    @ExceptionHandler(CostLists.RejectedCostList.class)
    ResponseEntity<Map<String, Object>> rejected(CostLists.RejectedCostList e) {
        return ResponseEntity.unprocessableEntity().body(Map.of("message", e.getMessage() + ", nothing stored",
                "errors", e.problems));
    }

    @ExceptionHandler(BadParameter.class)
    ResponseEntity<Map<String, String>> badParameter(BadParameter e) {
        return ResponseEntity.badRequest().body(Map.of("parameter", e.parameter, "message", e.getMessage()));
    }

    /** A parameter that cannot be used as given; answered with 400 naming it. */
    private static final class BadParameter extends RuntimeException {
        final String parameter;

        BadParameter(String parameter, String message) {
            super(parameter + ": " + message);
            this.parameter = parameter;
        }
    }

    private static LocalDate date(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new BadParameter(parameter, "\"" + value + "\" is not a date (yyyy-MM-dd)");
        }
    }
}
