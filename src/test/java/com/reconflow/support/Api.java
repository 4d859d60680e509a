package com.reconflow.support;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/** HTTP calls as one of the demo users, with HTTP Basic like Camunda Modeler and scripts use. */
public final class Api {

    private final TestRestTemplate rest;
    private final String user;
    private final String password;

    private Api(TestRestTemplate rest, String user, String password) {
        this.rest = rest;
        this.user = user;
        this.password = password;
    }

    public static Api as(TestRestTemplate rest, String user) {
        return new Api(rest, user, user);
    }

    public static Api as(TestRestTemplate rest, String user, String password) {
        return new Api(rest, user, password);
    }

    public static Api anonymous(TestRestTemplate rest) {
        return new Api(rest, null, null);
    }

    public <T> ResponseEntity<T> get(String path, Class<T> type) {
        return rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers(MediaType.APPLICATION_JSON)), type);
    }

    public <T> ResponseEntity<T> post(String path, Object body, Class<T> type) {
        return rest.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers(MediaType.APPLICATION_JSON)), type);
    }

    public <T> ResponseEntity<T> postMultipart(String path, Object parts, Class<T> type) {
        return rest.exchange(path, HttpMethod.POST, new HttpEntity<>(parts, headers(MediaType.MULTIPART_FORM_DATA)),
                type);
    }

    /** Uploads a file's text, as a person would through {@code POST /api/imports}. */
    @SuppressWarnings("rawtypes")
    public ResponseEntity<Map> importFile(String source, String fileName, String content) {
        return postMultipart("/api/imports", importParts(source, fileName, content), Map.class);
    }

    /** The form of an upload: the source and the file, UTF-8. */
    public static LinkedMultiValueMap<String, Object> importParts(String source, String fileName, String content) {
        var parts = new LinkedMultiValueMap<String, Object>();
        parts.add("source", source);
        parts.add("file", new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        return parts;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> getJson(String path) {
        return get(path, Map.class).getBody();
    }

    private HttpHeaders headers(MediaType contentType) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(contentType);
        if (user != null) {
            headers.setBasicAuth(user, password);
        }
        return headers;
    }
}
