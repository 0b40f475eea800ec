package io.simca.ca.issue;

import io.simca.ca.error.CaException;
import java.math.BigInteger;
import java.security.cert.X509Certificate;

/**
 * What the issuance engine answers, already audited either way: the stored certificate, or the
 * error to send.
 */
public sealed interface EnrollmentOutcome {

  /** A certificate whose row and first OCSP response are committed. */
  record Issued(X509Certificate certificate, BigInteger serial, boolean rekey)
      implements EnrollmentOutcome {}

  /** Refused (and audited); render {@code error}. */
  record Refused(CaException error) implements EnrollmentOutcome {}
}
