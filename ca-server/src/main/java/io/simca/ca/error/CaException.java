package io.simca.ca.error;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure with a kind, a machine-readable reason code (for audit and metrics) and a short human
 * detail that is safe to show a client. No stack trace is captured: these are expected outcomes,
 * and the detail never contains key material or a full token.
 */
public final class CaException extends RuntimeException {

  private final ErrorKind kind;
  private final String reason;
  private final Duration retryAfter;

  public CaException(ErrorKind kind, String reason, String detail) {
    this(kind, reason, detail, null);
  }

  public CaException(ErrorKind kind, String reason, String detail, Duration retryAfter) {
    super(detail, null, false, false);
    this.kind = kind;
    this.reason = reason;
    this.retryAfter = retryAfter;
  }

  public static CaException malformed(String reason, String detail) {
    return new CaException(ErrorKind.MALFORMED, reason, detail);
  }

  public static CaException forbidden(String reason, String detail) {
    return new CaException(ErrorKind.FORBIDDEN, reason, detail);
  }

  /** No active issuing CA has {@code label} (EST and EST-coaps label paths); the label is cut. */
  public static CaException unknownLabel(String label) {
    return new CaException(
        ErrorKind.NOT_FOUND,
        "unknown_label",
        "unknown_label: no issuing CA '"
            + (label.length() > 32 ? label.substring(0, 32) + "..." : label)
            + "'");
  }

  public static CaException unavailable(String detail, Duration retryAfter) {
    return unavailable("store_unavailable", detail, retryAfter);
  }

  /** 503 + Retry-After with its own reason ({@code busy}, {@code signing_key_unavailable}). */
  public static CaException unavailable(String reason, String detail, Duration retryAfter) {
    return new CaException(ErrorKind.UNAVAILABLE, reason, detail, retryAfter);
  }

  /** The reason of a request refused because its bulkhead was full. */
  public static final String BUSY = "busy";

  public ErrorKind kind() {
    return kind;
  }

  /** A snake_case code such as {@code imei_mismatch}; stable, used in audit records and metrics. */
  public String reason() {
    return reason;
  }

  public String detail() {
    return getMessage();
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
