package io.simca.ca.issue;

import io.simca.ca.policy.ClientCertificate;
import io.simca.ca.policy.EnrollmentRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * An EST enrolment as it arrived: raw body and Authorization header (decoded by the engine so
 * decoding failures are audited like any deny), plus the re-enrolment client-certificate facts.
 *
 * @param authorization the Authorization header value, or null
 * @param current re-enrol only: what the server found out about the TLS client certificate
 */
public record EnrollmentSubmission(
    EnrollmentRequest.Kind kind,
    String label,
    byte[] body,
    String authorization,
    Optional<ClientCertificate> current,
    String clientAddress) {

  public EnrollmentSubmission {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(label, "label");
    body = body == null ? new byte[0] : body;
    Objects.requireNonNull(current, "current");
    clientAddress = clientAddress == null ? "" : clientAddress;
  }
}
