package io.simca.ca.policy;

import io.simca.ca.error.CaException;
import io.simca.ca.error.ErrorKind;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Enrolment denied.
 *
 * @param kind how the refusal maps to HTTP (403 policy, 401 no credentials, 400 malformed, 429 rate
 *     limited, 503 store down)
 * @param reason stable snake_case code stored in the audit record and sent in the body, e.g. {@code
 *     token_replayed}, {@code imei_mismatch}, any {@code AttestationFailure.code()}
 * @param detail short human text, safe for the client (never a token or key)
 * @param retryAfter for {@code rate_limited}: when to try again
 */
public record Deny(
    ErrorKind kind, String reason, String detail, Optional<Duration> retryAfter, Evidence evidence)
    implements Decision {

  public Deny {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(retryAfter, "retryAfter");
    Objects.requireNonNull(evidence, "evidence");
  }

  public Deny(ErrorKind kind, String reason, String detail) {
    this(kind, reason, detail, Optional.empty(), Evidence.NONE);
  }

  /** A policy refusal (403). */
  public static Deny forbidden(String reason, String detail) {
    return new Deny(ErrorKind.FORBIDDEN, reason, detail);
  }

  public Deny withEvidence(Evidence value) {
    return new Deny(kind, reason, detail, retryAfter, value);
  }

  public Deny withRetryAfter(Duration value) {
    return new Deny(kind, reason, detail, Optional.of(value), evidence);
  }

  /** The error the HTTP layer renders: the body reads {@code <reason>: <detail>}. */
  public CaException toException() {
    return new CaException(kind, reason, reason + ": " + detail, retryAfter.orElse(null));
  }
}
