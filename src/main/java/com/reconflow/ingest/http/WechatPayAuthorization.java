package com.reconflow.ingest.http;

/**
 * How requests to WeChat Pay are authorised. The real API v3 wants each request signed with the
 * merchant's private key (WECHATPAY2-SHA256-RSA2048); ReconFlow does not implement that. Without an
 * application bean of this type, a token from the environment is sent as a bearer token (for a
 * gateway that signs on ReconFlow's behalf, or a test server).
 */
@FunctionalInterface
public interface WechatPayAuthorization extends RequestAuthorization {
}
