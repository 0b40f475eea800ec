package io.simca.ca.error;

/**
 * The small catalogue of ways a request can fail, each with its one HTTP status. Handlers raise a
 * kind; {@code HttpErrors} is the only place that turns it into a response.
 */
public enum ErrorKind {
  /** Syntactically bad input: not base64, not DER, not a CSR, bad JSON. */
  MALFORMED(400),
  /** Credentials missing or unusable (RFC 7030 §3.2.3: answer 401 with WWW-Authenticate). */
  UNAUTHORIZED(401),
  /** Well-formed and authenticated, but policy says no (deny by default). */
  FORBIDDEN(403),
  NOT_FOUND(404),
  METHOD_NOT_ALLOWED(405),
  /** None of the representations the client accepts can be served (Accept). */
  NOT_ACCEPTABLE(406),
  /** A conflicting state, e.g. importing a SIM that exists. */
  CONFLICT(409),
  PAYLOAD_TOO_LARGE(413),
  UNSUPPORTED_MEDIA_TYPE(415),
  RATE_LIMITED(429),
  /** The store or a key is unreachable; the client should retry (Retry-After). */
  UNAVAILABLE(503),
  /** A bug on our side. Never used for bad input. */
  INTERNAL(500);

  private final int httpStatus;

  ErrorKind(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
