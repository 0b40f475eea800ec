package io.simca.ca.server.est;

import io.simca.ca.error.ErrorKind;
import io.simca.ca.issue.PresentedCredentials;
import io.simca.ca.policy.RequestProblem;
import io.simca.est.auth.EstCredentials;
import io.simca.est.codec.EstRequestException;

/** The HTTPS transport's credential carriage: the Authorization header (RFC 9110 §11.6.2). */
final class AuthorizationHeaders {

  private AuthorizationHeaders() {}

  /** Reads an Authorization header value (null when absent) into what the engine takes. */
  static PresentedCredentials read(String header) {
    try {
      return EstCredentials.parse(header)
          .<PresentedCredentials>map(PresentedCredentials.Read::new)
          .orElse(PresentedCredentials.NONE);
    } catch (EstRequestException e) {
      return new PresentedCredentials.Unreadable(
          e.reason() == EstRequestException.Reason.TOO_LARGE
              ? new RequestProblem(
                  ErrorKind.MALFORMED, "credentials_too_large", "credentials over 4 KiB")
              : new RequestProblem(ErrorKind.MALFORMED, "malformed_credentials", e.getMessage()));
    }
  }
}
