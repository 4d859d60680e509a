package com.reconflow.trace;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code GET /api/records?orderNo=…} or {@code ?txnId=…}: the fate of one order or payment. */
@RestController
class RecordTraceController {

    private final RecordTraceService traces;

    RecordTraceController(RecordTraceService traces) {
        this.traces = traces;
    }

    @GetMapping("/api/records")
    RecordTrace trace(@RequestParam(required = false) String orderNo, @RequestParam(required = false) String txnId) {
        if (isBlank(orderNo) && isBlank(txnId)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "give orderNo or txnId");
        }
        return traces.trace(isBlank(orderNo) ? null : orderNo, isBlank(txnId) ? null : txnId);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
