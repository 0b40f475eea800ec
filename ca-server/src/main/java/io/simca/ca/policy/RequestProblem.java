package io.simca.ca.policy;

import io.simca.ca.error.ErrorKind;
import java.util.Objects;

/**
 * Something wrong with a request before any policy question can be asked (an unreadable
 * Authorization header, a CSR that does not decode). Kept as a value in the {@link
 * EnrollmentRequest} so the rule that owns it decides, in the documented order.
 *
 * @param reason stable snake_case code, e.g. {@code not_base64}
 */
public record RequestProblem(ErrorKind kind, String reason, String detail) {
  public RequestProblem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }
}
