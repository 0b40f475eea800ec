package io.simca.ca.server.coap;

import io.simca.ca.error.CaException;
import io.simca.ca.error.ErrorKind;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * The CoAP Content-Formats EST-coaps uses (RFC 9148 §8.1, IANA "CoAP Content-Formats") and the
 * Content-Format / Accept checks of §4.3: request payloads must name their format, responses are
 * the one the client accepts, 281 when it names none.
 */
final class EstContentFormats {

  /** application/pkcs7-mime; smime-type=certs-only, DER. */
  static final int CERTS_ONLY = MediaTypeRegistry.APPLICATION_PKCS7_CERTS_ONLY; // 281

  /** application/csrattrs, DER (RFC 7030 §4.5.2). */
  static final int CSR_ATTRS = MediaTypeRegistry.APPLICATION_CSATTRS; // 285

  /** application/pkcs10, DER. */
  static final int PKCS10 = MediaTypeRegistry.APPLICATION_PKCS10; // 286

  /** application/pkix-cert: one DER certificate instead of a certs-only container (§4.3). */
  static final int PKIX_CERT = MediaTypeRegistry.APPLICATION_PKIX_CERT; // 287

  private EstContentFormats() {}

  /**
   * The response format: the Accept option if it is one of {@code offered}, the first offered when
   * there is no Accept (§4.3: "the server SHOULD choose format 281"); 4.06 otherwise.
   */
  static int negotiate(CoapExchange exchange, int... offered) {
    if (!exchange.getRequestOptions().hasAccept()) {
      return offered[0];
    }
    int accept = exchange.getRequestOptions().getAccept();
    for (int format : offered) {
      if (format == accept) {
        return format;
      }
    }
    throw new CaException(
        ErrorKind.NOT_ACCEPTABLE,
        "not_acceptable",
        "not_acceptable: Content-Format " + accept + " is not offered here");
  }

  /** 4.15 unless the request payload is Content-Format 286 (§4.3: PKCS#10 in /sen and /sren). */
  static void requirePkcs10(CoapExchange exchange) {
    if (exchange.getRequestOptions().getContentFormat() != PKCS10) {
      throw new CaException(
          ErrorKind.UNSUPPORTED_MEDIA_TYPE,
          "unsupported_media_type",
          "unsupported_media_type: send the CSR as Content-Format 286 (application/pkcs10)");
    }
  }
}
