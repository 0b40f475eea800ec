package io.simca.ca.config;

import java.time.Duration;

/** OCSP responder (RFC 6960 / RFC 5019) timing and nonce handling (RFC 8954). */
public record OcspConfig(
    Duration validity, Duration refreshInterval, String nonce, int maxRequestBytes) {

  /**
   * {@code ignore}: serve pre-signed responses; {@code sign}: a request with a nonce gets a fresh,
   * echoing response.
   */
  public boolean signNonces() {
    return "sign".equals(nonce);
  }
}
