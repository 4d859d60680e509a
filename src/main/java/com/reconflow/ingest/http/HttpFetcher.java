package com.reconflow.ingest.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET with an {@code Authorization} header, retried on 429, 5xx and broken connections with back-off;
 * any other answer but 2xx fails at once. Bodies are handed over as streams, so a large file is never
 * held in memory.
 */
final class HttpFetcher {

    /** Reads a 2xx answer; a failure to read it (connection lost midway) counts as a failed attempt. */
    @FunctionalInterface
    interface BodyReader<T> {
        T read(HttpResponse<InputStream> response) throws IOException;
    }

    private static final Logger log = LoggerFactory.getLogger(HttpFetcher.class);
    private static final int SNIPPET = 300;

    private final HttpClient client;
    private final RetryPolicy retry;
    private final Duration requestTimeout;
    private final Clock clock;

    HttpFetcher(HttpClient client, RetryPolicy retry, Duration requestTimeout, Clock clock) {
        this.client = client;
        this.retry = retry;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
    }

    static HttpFetcher of(ChannelApiProperties.Http http, Clock clock) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(http.connectTimeout())
                // Redirects are not followed: the Authorization header must not travel to another host.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new HttpFetcher(client, RetryPolicy.of(http), http.requestTimeout(), clock);
    }

    /**
     * @param caller names the connector in every message, e.g. {@code channel API miniprogram}
     * @throws ChannelApiException when the server refuses, or fails on every attempt
     */
    <T> T get(String caller, URI uri, RequestAuthorization authorization, BodyReader<T> reader) {
        String failure = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            Optional<Duration> retryAfter = Optional.empty();
            try {
                HttpResponse<InputStream> response = client.send(request(uri, authorization),
                        HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    try (InputStream ignored = response.body()) {
                        return reader.read(response);
                    }
                }
                String body = snippet(response);
                if (status == 429 || status >= 500) {
                    failure = "HTTP " + status + body;
                    retryAfter = RetryPolicy.parseRetryAfter(
                            response.headers().firstValue("Retry-After").orElse(null), clock);
                } else if (status == 401) {
                    throw new ChannelApiException(caller + ": token rejected (HTTP 401) by GET " + uri + body);
                } else {
                    throw new ChannelApiException(caller + ": GET " + uri + " answered HTTP " + status + body
                            + "; not retried");
                }
            } catch (IOException e) {
                failure = "I/O error " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChannelApiException(caller + ": interrupted while calling GET " + uri, e);
            }
            if (attempt < retry.maxAttempts()) {
                Duration pause = retry.delayAfter(attempt, retryAfter);
                log.info("{}: GET {} failed with {} (attempt {} of {}); trying again in {} ms", caller, uri, failure,
                        attempt, retry.maxAttempts(), pause.toMillis());
                sleep(caller, uri, pause);
            }
        }
        throw new ChannelApiException(caller + ": GET " + uri + " failed on all " + retry.maxAttempts()
                + " attempts; the last one with " + failure);
    }

    private HttpRequest request(URI uri, RequestAuthorization authorization) {
        return HttpRequest.newBuilder(uri)
                .GET()
                .timeout(requestTimeout)
                .header("Authorization", authorization.headerValue("GET", uri))
                .header("Accept", "application/json, */*")
                .build();
    }

    /** The start of an error answer, on one line: APIs say there why they refused. */
    private static String snippet(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            String text = new String(in.readNBytes(SNIPPET), StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
            return text.isEmpty() ? "" : " (" + text + ")";
        } catch (IOException e) {
            return "";
        }
    }

    private static void sleep(String caller, URI uri, Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelApiException(caller + ": interrupted while waiting to call GET " + uri + " again", e);
        }
    }
}
