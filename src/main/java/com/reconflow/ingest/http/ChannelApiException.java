package com.reconflow.ingest.http;

/**
 * A channel API or the WeChat Pay bill API did not deliver (refused, failed on every attempt, answered
 * something unreadable, sent a file that is not the announced one). Nothing was imported.
 */
public class ChannelApiException extends RuntimeException {

    public ChannelApiException(String message) {
        super(message);
    }

    public ChannelApiException(String message, Throwable cause) {
        super(message, cause);
    }
}
