package io.simca.ca.store;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * What the issuance engine records before it signs (Boulder's "reserve serial, store precert"
 * step): if the node dies between signing and {@link CertificateStore#markIssued}, the serial, key
 * and subject are still on record.
 *
 * @param serial the certificate serial (positive, at most 20 octets)
 * @param caId issuing CA id (SKI hex), must exist in {@code ca}
 * @param iccid the SIM, or null for non-device certificates (operators, OCSP, TLS)
 * @param imei the device IMEI put in the SAN, may be null
 * @param spkiSha256 lowercase hex SHA-256 of the DER SubjectPublicKeyInfo
 * @param profile certificate profile name, e.g. {@code device}
 * @param issuedByPolicy the policy (rule set) that allowed the issuance, may be null
 */
public record CertificateReservation(
    BigInteger serial,
    String caId,
    String iccid,
    String imei,
    String tenant,
    String spkiSha256,
    String subject,
    String profile,
    Instant notBefore,
    Instant notAfter,
    String issuedByPolicy) {

  public CertificateReservation {
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(caId, "caId");
    Objects.requireNonNull(spkiSha256, "spkiSha256");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    Values.serialHex(serial);
    if (!spkiSha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("spkiSha256 must be 64 lowercase hex digits");
    }
    if (!notAfter.isAfter(notBefore)) {
      throw new IllegalArgumentException("notAfter must be after notBefore");
    }
  }
}
