package io.simca.ca.ocsp;

import io.simca.ca.error.CaException;
import io.simca.ca.error.ErrorKind;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The request bytes of an OCSP GET: RFC 6960 Appendix A.1 puts "the url-encoding of the base64
 * encoding of the DER encoding of the OCSPRequest" after the responder's path. Kept apart from the
 * HTTP handler so the decoding of this outside input can be tested and fuzzed on its own.
 */
public final class OcspGetRequest {

  private OcspGetRequest() {}

  /**
   * The DER in {@code rawTail}, the raw (not yet percent-decoded) path after {@code /ocsp/}.
   *
   * @throws CaException {@code body_too_large} over {@code maxBytes}, {@code not_base64} when the
   *     tail is not url-encoded base64
   */
  public static byte[] decode(String rawTail, int maxBytes) {
    // Base64 grows 4/3, percent-encoding up to 3x per '+', '/' or '=': bound the work first.
    if (rawTail.length() > maxBytes * 2 + 64) {
      throw tooLarge(maxBytes);
    }
    byte[] der;
    try {
      // A '+' in the raw path is base64, never a space: protect it before decoding.
      String b64 = URLDecoder.decode(rawTail.replace("+", "%2B"), StandardCharsets.UTF_8);
      der = Base64.getDecoder().decode(b64.strip());
    } catch (IllegalArgumentException e) {
      throw CaException.malformed("not_base64", "OCSP GET request is not url-encoded base64");
    }
    if (der.length > maxBytes) {
      throw tooLarge(maxBytes);
    }
    return der;
  }

  private static CaException tooLarge(int maxBytes) {
    return new CaException(
        ErrorKind.PAYLOAD_TOO_LARGE,
        "body_too_large",
        "OCSP request larger than " + maxBytes + " bytes");
  }
}
