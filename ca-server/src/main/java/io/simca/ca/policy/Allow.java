package io.simca.ca.policy;

import io.simca.ca.store.SimRow;
import io.simca.est.attest.AttestationToken;
import java.util.Objects;
import java.util.Optional;

/**
 * Enrolment allowed. Carries what the certificate is built from, so the profile never looks at the
 * CSR's subject or SANs.
 *
 * @param sim the SIM row (ICCID and tenant go into the subject)
 * @param token the verified attestation token; empty only for a re-enrolment when {@code
 *     policy.reenroll.requireAttestation} is off
 * @param imei the IMEI to put into the SAN (15 digits), if known
 * @param policy the name of the policy that allowed it (stored with the certificate)
 * @param rekey re-enrolment with a new key (RFC 7030 §4.2.2)
 */
public record Allow(
    SimRow sim,
    Optional<AttestationToken> token,
    Optional<String> imei,
    String policy,
    boolean rekey,
    Evidence evidence)
    implements Decision {

  public Allow {
    Objects.requireNonNull(sim, "sim");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(imei, "imei");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(evidence, "evidence");
  }
}
