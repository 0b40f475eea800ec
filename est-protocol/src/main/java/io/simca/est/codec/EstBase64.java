package io.simca.est.codec;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * The base64 layer of EST bodies. RFC 8951 §3 settles that EST payloads are base64 whatever
 * Content-Transfer-Encoding says, and real clients differ in line breaks, trailing newlines and PEM
 * armour; decoding accepts all of these so that interop fails only on real errors. Encoding
 * produces one canonical form.
 *
 * <p>Errors are thrown as the unchecked {@link EstDecodingException} (reason {@code EMPTY} or
 * {@code NOT_BASE64}).
 */
public final class EstBase64 {

  private static final int LINE = 64;
  private static final String CRLF = "\r\n";

  private EstBase64() {}

  /**
   * Decodes an EST body: base64 with or without CR/LF/space/tab anywhere, with or without padding,
   * or a PEM block (any label, e.g. {@code CERTIFICATE REQUEST} or {@code NEW CERTIFICATE
   * REQUEST}). Base64url characters are refused.
   *
   * @throws EstDecodingException {@code EMPTY} for no content, {@code NOT_BASE64} otherwise
   */
  public static byte[] decode(byte[] body) {
    if (body == null || body.length == 0) {
      throw new EstDecodingException(EstRequestException.Reason.EMPTY, "empty body");
    }
    // Base64 and PEM are ASCII; ISO-8859-1 maps every byte to one char so non-ASCII is caught
    // below.
    String text = new String(body, StandardCharsets.ISO_8859_1);
    if (text.contains("-----BEGIN ")) {
      return decodePem(text);
    }
    return decodeBase64(text);
  }

  /** Convenience for callers holding a String body. */
  public static byte[] decode(String body) {
    return decode(body == null ? null : body.getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * Base64 with CRLF after every 64 characters and after the last line: the RFC 2045 §6.8 shape
   * that RFC 7030 §4.1.3 responses use and every EST client accepts.
   */
  public static String encode(byte[] der) {
    String flat = Base64.getEncoder().encodeToString(der);
    StringBuilder out = new StringBuilder(flat.length() + (flat.length() / LINE + 1) * 2);
    for (int i = 0; i < flat.length(); i += LINE) {
      out.append(flat, i, Math.min(flat.length(), i + LINE)).append(CRLF);
    }
    return out.toString();
  }

  private static byte[] decodePem(String text) {
    try (PemReader reader = new PemReader(new StringReader(text))) {
      PemObject pem = reader.readPemObject();
      if (pem == null || pem.getContent().length == 0) {
        throw new EstDecodingException(
            EstRequestException.Reason.NOT_BASE64, "unreadable PEM armour");
      }
      return pem.getContent();
    } catch (IOException | RuntimeException e) {
      if (e instanceof EstDecodingException ede) {
        throw ede;
      }
      throw new EstDecodingException(
          EstRequestException.Reason.NOT_BASE64, "unreadable PEM armour");
    }
  }

  private static byte[] decodeBase64(String text) {
    StringBuilder compact = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' || c == '\n' || c == ' ' || c == '\t') {
        continue; // RFC 8951 §3: line breaks and whitespace are not significant
      }
      boolean alphabet =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '+'
              || c == '/'
              || c == '=';
      if (!alphabet) {
        throw new EstDecodingException(EstRequestException.Reason.NOT_BASE64, "body is not base64");
      }
      compact.append(c);
    }
    if (compact.isEmpty()) {
      throw new EstDecodingException(EstRequestException.Reason.EMPTY, "empty body");
    }
    byte[] der;
    try {
      der = Base64.getDecoder().decode(compact.toString());
    } catch (IllegalArgumentException e) {
      throw new EstDecodingException(EstRequestException.Reason.NOT_BASE64, "body is not base64");
    }
    if (der.length == 0) {
      throw new EstDecodingException(EstRequestException.Reason.EMPTY, "empty body");
    }
    return der;
  }
}
