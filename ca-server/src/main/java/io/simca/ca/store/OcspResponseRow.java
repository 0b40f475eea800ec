package io.simca.ca.store;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * A pre-signed OCSP response (RFC 6960 BasicOCSPResponse wrapped in OCSPResponse, DER) for one
 * certificate, served from memory until {@code nextUpdate} is near.
 *
 * @param updatedAt set by the store when written (ignored on input); other nodes poll on it
 */
public record OcspResponseRow(
    BigInteger serial,
    String caId,
    OcspCertStatus certStatus,
    byte[] responseDer,
    Instant thisUpdate,
    Instant nextUpdate,
    Instant producedAt,
    Instant updatedAt) {

  public OcspResponseRow {
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(caId, "caId");
    Objects.requireNonNull(certStatus, "certStatus");
    Objects.requireNonNull(responseDer, "responseDer");
    Objects.requireNonNull(thisUpdate, "thisUpdate");
    Objects.requireNonNull(nextUpdate, "nextUpdate");
    Objects.requireNonNull(producedAt, "producedAt");
  }

  /** A response to store; {@code updatedAt} is filled in by the store. */
  public static OcspResponseRow of(
      BigInteger serial,
      String caId,
      OcspCertStatus certStatus,
      byte[] responseDer,
      Instant thisUpdate,
      Instant nextUpdate,
      Instant producedAt) {
    return new OcspResponseRow(
        serial, caId, certStatus, responseDer, thisUpdate, nextUpdate, producedAt, null);
  }
}
