package io.simca.ca.issue;

import io.simca.ca.policy.ClientCertificate;
import io.simca.ca.policy.EnrollmentRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * An enrolment as a transport received it, in transport-neutral terms: the raw CSR (decoded by the
 * engine so decoding failures are audited like any deny), what the transport's credential carriage
 * held, the client certificate facts on re-enrolment, and the peer address. A token inside the CSR
 * needs no field: the engine reads it from the CSR.
 *
 * @param csr the request body as sent
 * @param csrEncoding how {@code csr} is encoded
 * @param credentials the transport's own credentials (HTTP Authorization), or {@link
 *     PresentedCredentials#NONE}
 * @param current re-enrol only: what the server found out about the client certificate
 */
public record EnrollmentSubmission(
    EnrollmentRequest.Kind kind,
    String label,
    byte[] csr,
    CsrEncoding csrEncoding,
    PresentedCredentials credentials,
    Optional<ClientCertificate> current,
    String clientAddress) {

  public EnrollmentSubmission {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(label, "label");
    csr = csr == null ? new byte[0] : csr;
    Objects.requireNonNull(csrEncoding, "csrEncoding");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(current, "current");
    clientAddress = clientAddress == null ? "" : clientAddress;
  }
}
