package io.simca.ca.store;

import java.math.BigInteger;
import java.time.Instant;

/**
 * A stored operator credential (one certificate of the admin API).
 *
 * @param role the role id as the certificate carries it ({@code admin}, {@code operator}, {@code
 *     auditor}, {@code attester})
 * @param issuedBy the audit actor that issued it, {@code system:ca-init} for the first credential
 * @param revokedAt null unless revoked
 */
public record OperatorRow(
    BigInteger serial,
    String name,
    String role,
    String caId,
    String subject,
    byte[] certDer,
    OperatorStatus status,
    Instant notBefore,
    Instant notAfter,
    String issuedBy,
    Instant createdAt,
    Instant revokedAt,
    String revokedBy) {

  /** True when the admin API may accept this credential at {@code now}. */
  public boolean usableAt(Instant now) {
    return status == OperatorStatus.ACTIVE && now.isBefore(notAfter) && !now.isBefore(notBefore);
  }
}
