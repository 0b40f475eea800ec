package io.simca.ca.policy;

import io.simca.est.auth.EstCredentials;
import io.simca.est.codec.ParsedCsr;
import java.util.Objects;
import java.util.Optional;

/**
 * One enrolment as the policy sees it: every input already decoded into values, decoding problems
 * included (so the rule that owns a problem reports it, in the documented order).
 *
 * @param label issuing CA label
 * @param credentials the transport's credentials, parsed; empty when absent or unreadable
 * @param credentialsProblem why the credentials could not be read, if they could not
 * @param csrToken the attestation token carried inside the CSR, if any
 * @param csr the decoded CSR (proof of possession checked); empty when it did not decode
 * @param csrProblem why the CSR did not decode
 * @param current re-enrol: what the server found out about the TLS client certificate
 * @param clientAddress remote address, for audit
 */
public record EnrollmentRequest(
    Kind kind,
    String label,
    Optional<EstCredentials> credentials,
    Optional<RequestProblem> credentialsProblem,
    Optional<String> csrToken,
    Optional<ParsedCsr> csr,
    Optional<RequestProblem> csrProblem,
    Optional<ClientCertificate> current,
    String clientAddress) {

  /** RFC 7030 §4.2.1 simpleenroll, §4.2.2 simplereenroll. */
  public enum Kind {
    ENROLL("enroll"),
    REENROLL("reenroll");

    private final String eventType;

    Kind(String eventType) {
      this.eventType = eventType;
    }

    /** The audit event type. */
    public String eventType() {
      return eventType;
    }
  }

  public EnrollmentRequest {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(credentialsProblem, "credentialsProblem");
    Objects.requireNonNull(csrToken, "csrToken");
    Objects.requireNonNull(csr, "csr");
    Objects.requireNonNull(csrProblem, "csrProblem");
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(clientAddress, "clientAddress");
    if (csr.isEmpty() && csrProblem.isEmpty()) {
      throw new IllegalArgumentException("a request without a CSR must say why");
    }
  }

  /** The attestation token, from the credentials or else from inside the CSR. */
  public Optional<String> token() {
    return credentials.flatMap(EstCredentials::attestationToken).or(() -> csrToken);
  }

  /** The HTTP Basic user (the claimed ICCID), if Basic was used. */
  public Optional<String> basicUser() {
    return credentials
        .filter(c -> c instanceof EstCredentials.Basic)
        .map(c -> ((EstCredentials.Basic) c).user());
  }
}
