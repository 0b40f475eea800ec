package io.simca.est.codec;

import java.util.Locale;

/**
 * EST media types (RFC 7030 §4). The response strings are sent exactly as written because libest
 * compares the Content-Type byte for byte; requests are matched leniently.
 */
public final class EstMediaTypes {

  /** Request body of simpleenroll / simplereenroll (RFC 7030 §4.2.1). */
  public static final String PKCS10 = "application/pkcs10";

  /**
   * Response of cacerts / simpleenroll (RFC 7030 §4.1.3, §4.2.3); exact bytes matter for libest.
   */
  public static final String PKCS7_CERTS_ONLY = "application/pkcs7-mime; smime-type=certs-only";

  /** The bare PKCS#7 type, without the smime-type parameter. */
  public static final String PKCS7_MIME = "application/pkcs7-mime";

  /** Response of csrattrs (RFC 7030 §4.5.2). */
  public static final String CSR_ATTRS = "application/csrattrs";

  private EstMediaTypes() {}

  /**
   * True when a Content-Type header names {@code application/pkcs10}, ignoring case, surrounding
   * whitespace and parameters (RFC 9110 §8.3.1: type and subtype are case-insensitive).
   */
  public static boolean isPkcs10(String contentTypeHeader) {
    return hasMediaType(contentTypeHeader, PKCS10);
  }

  /**
   * True when a Content-Type header's type/subtype equals {@code mediaType}, parameters ignored.
   */
  public static boolean hasMediaType(String contentTypeHeader, String mediaType) {
    return essence(contentTypeHeader).equals(mediaType.toLowerCase(Locale.ROOT));
  }

  /**
   * The type/subtype of a Content-Type header, lower case, without parameters or surrounding
   * whitespace ({@code ""} for no header): the one parser every listener (EST, OCSP, admin) uses to
   * compare media types (RFC 9110 §8.3.1: type and subtype are case-insensitive).
   */
  public static String essence(String contentTypeHeader) {
    if (contentTypeHeader == null) {
      return "";
    }
    int semi = contentTypeHeader.indexOf(';');
    String bare = semi < 0 ? contentTypeHeader : contentTypeHeader.substring(0, semi);
    return bare.strip().toLowerCase(Locale.ROOT);
  }
}
