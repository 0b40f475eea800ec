package io.simca.ca.hierarchy;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One line of {@code simca ca list}: a CA certificate generation and its state.
 *
 * @param label {@code root} for the root, else the issuing CA label
 * @param generation 1 for the first key of a label, +1 per rotation
 * @param keyAlgorithm e.g. {@code EC P-256}
 * @param keyId hex of the subject key identifier
 */
public record CaInfo(
    String label,
    Role role,
    int generation,
    Status status,
    String subject,
    String keyAlgorithm,
    Instant notBefore,
    Instant notAfter,
    String keyId,
    Path certificateFile) {

  /** Root or issuing CA. */
  public enum Role {
    ROOT,
    ISSUING
  }

  /** ACTIVE signs new certificates; RETIRED only answers OCSP/CRL for what it issued. */
  public enum Status {
    ACTIVE,
    RETIRED
  }
}
