package com.reconflow.ingest.http;

import java.net.URI;

/** {@code Authorization: Bearer <token>}, the token read from the environment. */
final class BearerToken implements RequestAuthorization {

    private final String token;

    BearerToken(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("a bearer token must not be empty");
        }
        this.token = token.strip();
    }

    @Override
    public String headerValue(String method, URI uri) {
        return "Bearer " + token;
    }

    /** Never the token itself: this ends up in logs. */
    @Override
    public String toString() {
        return "BearerToken[***]";
    }
}
