package io.simca.ca.policy;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * Re-enrolment only (RFC 7030 §4.2.2): the TLS client certificate is one of ours, unexpired and not
 * revoked; the CSR repeats its subject; a new key (rekey) is allowed only by {@code
 * policy.reenroll.allowRekey}.
 */
final class ReenrollCertificateRule implements Rule {

  private final boolean allowRekey;

  ReenrollCertificateRule(boolean allowRekey) {
    this.allowRekey = allowRekey;
  }

  @Override
  public String name() {
    return "reenroll_certificate";
  }

  @Override
  public Optional<Deny> check(Evaluation e) {
    if (e.request().kind() != EnrollmentRequest.Kind.REENROLL) {
      return Optional.empty();
    }
    ClientCertificate current = e.request().current().orElse(ClientCertificate.missing());
    // Any certificate we issued names its SIM, allowed or not: the audit record says whose it was.
    current.row().ifPresent(row -> e.evidence(e.evidence().withIccid(row.iccid())));
    switch (current.status()) {
      case MISSING, FOREIGN -> {
        return Optional.of(Deny.forbidden("reenroll_cert_foreign", current.detail()));
      }
      case EXPIRED -> {
        return Optional.of(Deny.forbidden("reenroll_cert_expired", current.detail()));
      }
      case REVOKED -> {
        return Optional.of(Deny.forbidden("reenroll_cert_revoked", current.detail()));
      }
      case VALID -> {
        // continue below
      }
    }
    X509Certificate cert = current.certificate().orElseThrow();
    // RFC 7030 §4.2.2: the Subject field (and SubjectAltName) MUST be identical to the current
    // certificate's.
    X500Name certSubject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
    if (!certSubject.equals(e.csr().request().getSubject())) {
      return Optional.of(
          Deny.forbidden(
              "reenroll_subject_mismatch",
              "the CSR subject must equal the current certificate's subject (RFC 7030 4.2.2)"));
    }
    boolean rekey = !MessageDigest.isEqual(cert.getPublicKey().getEncoded(), e.csr().spkiDer());
    if (rekey && !allowRekey) {
      return Optional.of(
          Deny.forbidden(
              "rekey_not_allowed", "re-enrolment with a new key is not allowed by policy"));
    }
    e.rekey(rekey);
    return Optional.empty();
  }
}
