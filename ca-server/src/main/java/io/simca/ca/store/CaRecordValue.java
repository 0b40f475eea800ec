package io.simca.ca.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An issuing or root CA as the engine registers it ({@link CaStore#upsert(CaRecordValue)}).
 *
 * @param id lowercase hex of the CA certificate's SubjectKeyIdentifier
 * @param label EST label / config name, e.g. {@code default}
 * @param generation 1 for the first certificate of a label, +1 on each rotation
 * @param subject RFC 4514 subject DN, for listings
 * @param certDer the CA certificate, DER
 */
public record CaRecordValue(
    String id,
    String label,
    int generation,
    String subject,
    byte[] certDer,
    CaStatus status,
    Instant notBefore,
    Instant notAfter) {

  public CaRecordValue {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(certDer, "certDer");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    if (!id.matches("[0-9a-f]{1,40}")) {
      throw new IllegalArgumentException(
          "CA id must be lowercase hex of the SKI (at most 40 digits): " + id);
    }
  }
}
