package com.reconflow.security;

import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** An engine refusal on behalf of an API caller is a 403 with the engine's reason, not a 500. */
@RestControllerAdvice(basePackages = "com.reconflow")
class ApiErrors {

    @ExceptionHandler(AuthorizationException.class)
    ResponseEntity<Map<String, String>> forbidden(AuthorizationException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("message", e.getMessage()));
    }
}
