package io.simca.ca.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A published CRL of one issuing CA.
 *
 * @param crlNumber the cRLNumber extension (RFC 5280 5.2.3), from {@link CrlStore#nextCrlNumber}
 * @param entries number of revokedCertificates entries, for listings and metrics
 */
public record CrlRow(
    String caId,
    long crlNumber,
    byte[] crlDer,
    Instant thisUpdate,
    Instant nextUpdate,
    int entries) {

  public CrlRow {
    Objects.requireNonNull(caId, "caId");
    Objects.requireNonNull(crlDer, "crlDer");
    Objects.requireNonNull(thisUpdate, "thisUpdate");
    Objects.requireNonNull(nextUpdate, "nextUpdate");
    if (crlNumber < 1) {
      throw new IllegalArgumentException("crlNumber must be positive: " + crlNumber);
    }
  }
}
