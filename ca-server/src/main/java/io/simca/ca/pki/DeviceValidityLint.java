package io.simca.ca.pki;

import java.time.Duration;
import java.util.Optional;

/**
 * DESIGN.md "Certificate profile (device)": a device certificate lives at most the configured
 * validity (24 h) plus the notBefore backdate (5 min). Short life is simca's revocation story, so a
 * longer one is refused, not trimmed.
 */
public final class DeviceValidityLint implements Lint {
  public String name() {
    return "e_device_validity_too_long";
  }

  public String citation() {
    return "simca DESIGN.md device profile";
  }

  public Optional<LintFinding> check(LintInput in) {
    if (in.kind() != CertificateKind.DEVICE) {
      return Optional.empty();
    }
    Duration max = in.policy().deviceMaxValidity().plus(in.policy().deviceBackdate());
    Duration actual =
        Duration.between(
            in.tbs().getStartDate().getDate().toInstant(),
            in.tbs().getEndDate().getDate().toInstant());
    return actual.compareTo(max) > 0
        ? finding("device validity " + actual + " exceeds " + max)
        : Optional.empty();
  }
}
