package io.simca.ca.config;

import io.simca.est.codec.SubjectKeyType;
import java.time.Duration;
import java.util.List;

/** The device certificate profile knobs (DESIGN.md, Certificate profile). */
public record ProfileConfig(Duration validity, Duration backdate, List<String> allowedKeys) {

  /**
   * The key the CSR attributes advise (RFC 7030 §4.5): P-256 when allowed, else the first of {@code
   * allowedKeys}.
   */
  public SubjectKeyType preferredKey() {
    return allowedKeys.contains(SubjectKeyType.EC_P256.name())
        ? SubjectKeyType.EC_P256
        : SubjectKeyType.valueOf(allowedKeys.get(0));
  }
}
