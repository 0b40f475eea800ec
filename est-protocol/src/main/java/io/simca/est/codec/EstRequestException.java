package io.simca.est.codec;

import java.util.Locale;
import java.util.Objects;

/**
 * A client sent an EST request (body or credentials) that cannot be processed. The server maps
 * every {@link Reason} to HTTP 400 (or 401/413 where it says so) and stores {@link Reason#code()}
 * in the audit record, so the message stays short and never contains the offending bytes.
 *
 * <p>Unchecked on purpose: bad input is an expected outcome handled in one mapper at the HTTP edge,
 * and the codecs are used inside lambdas. No stack trace is captured (it would only describe our
 * own parser, never the client's mistake).
 */
public class EstRequestException extends RuntimeException {

  /** Why a request was refused; {@link #code()} is the stable audit reason code. */
  public enum Reason {
    /** Body (or credential) missing or only whitespace. */
    EMPTY,
    /** Body is not base64 (RFC 8951 §3 requires base64). */
    NOT_BASE64,
    /** Base64 decoded, but the DER is not a PKCS#10 CertificationRequest (RFC 2986). */
    NOT_PKCS10,
    /** DER ends before its declared length. */
    TRUNCATED,
    /**
     * The CSR signature does not verify with its own key: no proof of possession (RFC 7030 §3.4).
     */
    BAD_SIGNATURE,
    /** Key algorithm or curve outside the accepted set ({@link SubjectKeyType}). */
    UNSUPPORTED_KEY,
    /** Accepted algorithm, but too small or structurally weak (e.g. RSA exponent 3). */
    WEAK_KEY,
    /** Body or credential over the size limit. */
    TOO_LARGE,
    /** Body is not a PKCS#7 / CMS certs-only message (RFC 7030 §4.1.3). */
    NOT_PKCS7,
    /** Authorization header cannot be parsed (RFC 7617 / RFC 6750). */
    MALFORMED_CREDENTIALS;

    /** Stable snake_case code for audit records and response bodies. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Reason reason;

  public EstRequestException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
