package io.simca.ca.policy;

import io.simca.ca.store.CertificateRow;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;

/**
 * What the server found out about the TLS client certificate of a re-enrolment, as facts: the
 * server layer checks the chain and the store, the re-enrol rule turns the facts into a decision
 * (and the engine audits it). The TLS layer accepts any certificate, so nothing here is trusted
 * unless {@link #status()} is {@link Status#VALID}.
 *
 * @param certificate the leaf the client presented, if any
 * @param row its store row when found
 * @param detail short human text for the deny reason
 */
public record ClientCertificate(
    Optional<X509Certificate> certificate,
    Optional<CertificateRow> row,
    Status status,
    String detail) {

  /** Outcome of the checks, in the order they run. */
  public enum Status {
    /** No certificate in the TLS handshake. */
    MISSING,
    /** Not signed by any generation of our issuing CAs, or not a stored device certificate. */
    FOREIGN,
    /** Outside its validity period. */
    EXPIRED,
    /** Ours, but revoked. */
    REVOKED,
    /** Ours, in validity, stored as issued. */
    VALID
  }

  public ClientCertificate {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(row, "row");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
    if (status == Status.VALID && (certificate.isEmpty() || row.isEmpty())) {
      throw new IllegalArgumentException(
          "a valid client certificate has a certificate and a store row");
    }
  }

  public static ClientCertificate missing() {
    return new ClientCertificate(
        Optional.empty(), Optional.empty(), Status.MISSING, "no client certificate presented");
  }

  public static ClientCertificate refused(X509Certificate cert, Status status, String detail) {
    return new ClientCertificate(Optional.of(cert), Optional.empty(), status, detail);
  }

  /** Refused although ours: {@code row} is known, so the denial can name the SIM. */
  public static ClientCertificate refused(
      X509Certificate cert, CertificateRow row, Status status, String detail) {
    return new ClientCertificate(Optional.of(cert), Optional.of(row), status, detail);
  }

  public static ClientCertificate valid(X509Certificate cert, CertificateRow row) {
    return new ClientCertificate(Optional.of(cert), Optional.of(row), Status.VALID, "valid");
  }
}
