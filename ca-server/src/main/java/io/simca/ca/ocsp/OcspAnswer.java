package io.simca.ca.ocsp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * What the responder decided to send: a signed response (with its caching window) or an error
 * status.
 */
public sealed interface OcspAnswer {

  /** The OCSPResponse DER to send (HTTP 200, application/ocsp-response in every case). */
  byte[] der();

  /**
   * A signed response.
   *
   * @param cacheable false for nonce-echoing responses: only the requester may use them (RFC 8954
   *     §2)
   * @param etag strong HTTP validator of {@code der} (RFC 5019 §6.2), quoted
   */
  record Signed(byte[] der, Instant thisUpdate, Instant nextUpdate, boolean cacheable, String etag)
      implements OcspAnswer {

    public Signed(byte[] der, Instant thisUpdate, Instant nextUpdate, boolean cacheable) {
      this(der, thisUpdate, nextUpdate, cacheable, etagOf(der));
    }

    /**
     * A SHA-1 of the DER: cheap, and only an HTTP validator (collisions would merely skip a 200).
     */
    public static String etagOf(byte[] der) {
      try {
        return "\""
            + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(der))
            + "\"";
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** An unsigned error response (RFC 6960 §4.2.1 responseStatus other than successful). */
  record Failed(int status) implements OcspAnswer {
    @Override
    public byte[] der() {
      return OcspResponseSigner.error(status);
    }
  }
}
