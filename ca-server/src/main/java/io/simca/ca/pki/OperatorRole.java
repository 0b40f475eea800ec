package io.simca.ca.pki;

import java.util.Locale;
import java.util.Optional;

/**
 * What an operator certificate may do on the admin API: {@code admin} everything (including the
 * operator credentials themselves), {@code operator} the SIM inventory, certificates and CRLs,
 * {@code auditor} read only, {@code attester} only what the network attester service needs (read
 * the SIM inventory by IMSI).
 *
 * <p>Encoded in the certificate as the SAN URI {@code urn:simca:role:<role>} (lower case); see
 * {@link OperatorProfile}.
 */
public enum OperatorRole {
  ADMIN,
  OPERATOR,
  AUDITOR,
  ATTESTER;

  /** URN prefix of the role SAN. */
  public static final String URN_PREFIX = "urn:simca:role:";

  /** Lower-case name used in the certificate and on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String urn() {
    return URN_PREFIX + id();
  }

  public static Optional<OperatorRole> fromId(String id) {
    for (OperatorRole r : values()) {
      if (r.id().equals(id)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
