package io.simca.ca.revocation;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;

/**
 * Operator revocation, shared by the admin API and the CLI. Each call commits the new state,
 * re-signs the affected OCSP responses before returning (so every node answers {@code revoked}
 * within a second), schedules a CRL refresh, and writes an audit record naming {@code actor}.
 * Blocking: run off the event loop.
 */
public interface RevocationService {

  /** Marks the SIM, bars further enrolment, revokes every unexpired certificate bound to it. */
  SimRevocation revokeSim(String iccid, SimRevocationReason reason, String actor);

  /**
   * Revokes one certificate; false if it was already revoked. Unknown serial: {@code CaException}
   * NOT_FOUND.
   */
  boolean revokeCertificate(
      BigInteger serial, RevocationReason reason, Optional<Instant> invalidityDate, String actor);

  /**
   * Regenerates the CRL of one issuing CA label, or all of them, now. Returns the CRL numbers
   * issued.
   */
  java.util.Map<String, Long> publishCrl(Optional<String> label, String actor);
}
