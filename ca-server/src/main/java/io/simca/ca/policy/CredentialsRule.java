package io.simca.ca.policy;

import io.simca.ca.error.ErrorKind;
import java.util.Optional;

/**
 * Rule 1: credentials present and readable (Basic ICCID:token, Bearer token, or the token inside
 * the CSR). Unreadable ones are a malformed request (400) whichever scheme carried them; missing
 * ones answer 401, whose challenge makes stock clients retry (RFC 7030 §3.2.3): Basic for Bouncy
 * Castle and curl, Bearer for libest.
 */
final class CredentialsRule implements Rule {

  private final boolean requiredOnReenroll;

  CredentialsRule(boolean requiredOnReenroll) {
    this.requiredOnReenroll = requiredOnReenroll;
  }

  @Override
  public String name() {
    return "credentials";
  }

  @Override
  public Optional<Deny> check(Evaluation e) {
    EnrollmentRequest r = e.request();
    if (r.credentialsProblem().isPresent()) {
      RequestProblem p = r.credentialsProblem().get();
      return Optional.of(new Deny(p.kind(), p.reason(), p.detail()));
    }
    boolean required = r.kind() == EnrollmentRequest.Kind.ENROLL || requiredOnReenroll;
    if (required && r.token().isEmpty()) {
      if (r.credentials().isEmpty() && r.csrProblem().isPresent()) {
        // The token may be inside the CSR (EST-coaps has no other carriage): a CSR that does not
        // decode is the problem to report, not the token it might hold.
        RequestProblem p = r.csrProblem().get();
        return Optional.of(new Deny(p.kind(), p.reason(), p.detail()));
      }
      return Optional.of(
          new Deny(
              ErrorKind.UNAUTHORIZED,
              "credentials_missing",
              "send the SIM attestation token as HTTP Basic password (user = ICCID), as a Bearer token,"
                  + " or inside the CSR"));
    }
    return Optional.empty();
  }
}
