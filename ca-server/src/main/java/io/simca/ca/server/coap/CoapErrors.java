package io.simca.ca.server.coap;

import io.simca.ca.error.CaException;
import io.simca.ca.error.ErrorKind;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Response;

/**
 * The one place where failures become CoAP responses (RFC 9148 §4.5, RFC 8075 §7 for the HTTP to
 * CoAP code mapping). The payload is a short diagnostic line without Content-Format (RFC 7252
 * §5.5.2); a retryable refusal carries Max-Age as the retry-after (RFC 9148 §4.7, RFC 8516 §3).
 */
final class CoapErrors {

  /** Diagnostic payloads stay well inside one block. */
  private static final int MAX_DIAGNOSTIC_CHARS = 200;

  private CoapErrors() {}

  static Response response(CaException e) {
    Response response = new Response(code(e.kind()));
    String detail = e.detail() == null ? e.reason() : e.detail();
    response.setPayload(
        detail.length() > MAX_DIAGNOSTIC_CHARS
            ? detail.substring(0, MAX_DIAGNOSTIC_CHARS)
            : detail);
    e.retryAfter().ifPresent(d -> response.getOptions().setMaxAge(Math.max(1, d.toSeconds())));
    return response;
  }

  static ResponseCode code(ErrorKind kind) {
    return switch (kind) {
      case MALFORMED -> ResponseCode.BAD_REQUEST; // 4.00
      case UNAUTHORIZED -> ResponseCode.UNAUTHORIZED; // 4.01
      case FORBIDDEN -> ResponseCode.FORBIDDEN; // 4.03
      case NOT_FOUND -> ResponseCode.NOT_FOUND; // 4.04
      case METHOD_NOT_ALLOWED -> ResponseCode.METHOD_NOT_ALLOWED; // 4.05
      case NOT_ACCEPTABLE -> ResponseCode.NOT_ACCEPTABLE; // 4.06
      case CONFLICT -> ResponseCode.CONFLICT; // 4.09 (RFC 8132 §3.2)
      case PAYLOAD_TOO_LARGE -> ResponseCode.REQUEST_ENTITY_TOO_LARGE; // 4.13
      case UNSUPPORTED_MEDIA_TYPE -> ResponseCode.UNSUPPORTED_CONTENT_FORMAT; // 4.15
      case RATE_LIMITED -> ResponseCode.TOO_MANY_REQUESTS; // 4.29 (RFC 8516)
      case UNAVAILABLE -> ResponseCode.SERVICE_UNAVAILABLE; // 5.03
      case INTERNAL -> ResponseCode.INTERNAL_SERVER_ERROR; // 5.00
    };
  }
}
