package com.reconflow.ingest.http;

import java.net.URI;

/**
 * The {@code Authorization} header of one request. Given the method and the full URI so that a
 * scheme that signs each request (WeChat Pay's WECHATPAY2-SHA256-RSA2048) can be plugged in.
 */
@FunctionalInterface
public interface RequestAuthorization {

    String headerValue(String method, URI uri);
}
