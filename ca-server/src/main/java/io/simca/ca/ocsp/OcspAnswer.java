package io.simca.ca.ocsp;

import java.time.Instant;

/** What the responder decided to send: a signed response (with its caching window) or an error status. */
public sealed interface OcspAnswer {

  /** The OCSPResponse DER to send (HTTP 200, application/ocsp-response in every case). */
  byte[] der();

  /**
   * A signed response.
   *
   * @param cacheable false for nonce-echoing responses: only the requester may use them (RFC 8954 §2)
   */
  record Signed(byte[] der, Instant thisUpdate, Instant nextUpdate, boolean cacheable) implements OcspAnswer {
  }

  /** An unsigned error response (RFC 6960 §4.2.1 responseStatus other than successful). */
  record Failed(int status) implements OcspAnswer {
    @Override
    public byte[] der() {
      return OcspResponseSigner.error(status);
    }
  }
}
