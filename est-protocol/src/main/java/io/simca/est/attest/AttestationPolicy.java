package io.simca.est.attest;

import java.time.Duration;
import java.util.Objects;

/**
 * Time rules for attestation tokens: how much clock skew between attester and CA is tolerated, and
 * the longest {@code exp - iat} accepted (DESIGN.md: at most 300 s, so a leaked token is useless
 * within minutes even before its {@code jti} is burnt).
 */
public record AttestationPolicy(Duration clockSkew, Duration maxLifetime) {

  /** 60 s skew, 300 s lifetime. */
  public static final AttestationPolicy DEFAULT =
      new AttestationPolicy(Duration.ofSeconds(60), Duration.ofSeconds(300));

  public AttestationPolicy {
    Objects.requireNonNull(clockSkew, "clockSkew");
    Objects.requireNonNull(maxLifetime, "maxLifetime");
    if (clockSkew.isNegative()) {
      throw new IllegalArgumentException("clockSkew must not be negative");
    }
    if (maxLifetime.isNegative() || maxLifetime.isZero()) {
      throw new IllegalArgumentException("maxLifetime must be positive");
    }
  }

  /** The DESIGN.md defaults: 60 s skew, 300 s lifetime. */
  public static AttestationPolicy defaults() {
    return DEFAULT;
  }
}
