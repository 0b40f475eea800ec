package io.simca.ca.issue;

import io.simca.ca.policy.RequestProblem;
import io.simca.est.auth.EstCredentials;
import java.util.Objects;
import java.util.Optional;

/**
 * What a transport found in its own credential carriage (an HTTP Authorization header; CoAP has
 * none): nothing, readable credentials, or a reason they could not be read. The transport parses
 * its carriage; the engine audits whatever came of it like any other deny.
 */
public sealed interface PresentedCredentials {

  /** No credentials in the transport's carriage. */
  PresentedCredentials NONE = new None();

  /** The credentials, if readable. */
  default Optional<EstCredentials> credentials() {
    return this instanceof Read read ? Optional.of(read.value()) : Optional.empty();
  }

  /** Why they could not be read, if they could not. */
  default Optional<RequestProblem> problem() {
    return this instanceof Unreadable u ? Optional.of(u.why()) : Optional.empty();
  }

  /** Nothing was presented. */
  record None() implements PresentedCredentials {}

  /** Credentials read from the carriage. */
  record Read(EstCredentials value) implements PresentedCredentials {
    public Read {
      Objects.requireNonNull(value, "value");
    }
  }

  /** Something was presented but could not be read. */
  record Unreadable(RequestProblem why) implements PresentedCredentials {
    public Unreadable {
      Objects.requireNonNull(why, "why");
    }
  }
}
