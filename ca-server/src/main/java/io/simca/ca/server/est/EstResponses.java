package io.simca.ca.server.est;

import io.simca.est.codec.EstMediaTypes;
import io.vertx.core.http.HttpServerResponse;

/** Writes EST success bodies: base64 (RFC 8951 §3) with the exact content types clients compare. */
final class EstResponses {

  /**
   * cacerts content type. RFC 7030 §4.1.3 names {@code application/pkcs7-mime}; libest's client
   * (est_client.c, est_op_map) compares the header against exactly this string for cacerts (a
   * prefix compare of its length), and Bouncy Castle's {@code ESTService.getCACerts} only requires
   * the value to contain it. The bare type satisfies both byte for byte, and is what libest's own
   * server sends.
   */
  static final String CACERTS_CONTENT_TYPE = EstMediaTypes.PKCS7_MIME;

  private EstResponses() {}

  /**
   * 200 with a base64 body; header names spelled as libest compares them (case-sensitive). Vert.x
   * adds the length itself, and {@link CanonicalHeaderNames} spells it {@code Content-Length}.
   */
  static void base64(HttpServerResponse response, String contentType, String base64Body) {
    response
        .setStatusCode(200)
        .putHeader("Content-Type", contentType)
        .putHeader("Content-Transfer-Encoding", "base64")
        .putHeader("Cache-Control", "no-store")
        .end(base64Body);
  }
}
