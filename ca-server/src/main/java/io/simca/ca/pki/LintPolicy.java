package io.simca.ca.pki;

import java.time.Duration;
import java.util.Objects;

/**
 * The configured limits some lints check against.
 *
 * @param deviceMaxValidity longest device certificate lifetime allowed (DESIGN.md: 24 h)
 * @param deviceBackdate allowed backdating of notBefore on top of it (5 min)
 */
public record LintPolicy(Duration deviceMaxValidity, Duration deviceBackdate) {

  public static final LintPolicy DEFAULT =
      new LintPolicy(
          DeviceProfileSettings.DEFAULT_VALIDITY, DeviceProfileSettings.DEFAULT_BACKDATE);

  public LintPolicy {
    Objects.requireNonNull(deviceMaxValidity, "deviceMaxValidity");
    Objects.requireNonNull(deviceBackdate, "deviceBackdate");
  }
}
