package io.simca.ca.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The enrolment policy (deny by default). Rules run in the order documented in config/simca.yaml;
 * each optional rule is off when its list is empty.
 */
public record PolicyConfig(
    Duration clockSkew,
    Duration maxTokenLifetime,
    Map<String, String> attesters,
    boolean imeiLock,
    boolean suspendOnImeiMismatch,
    Map<String, List<String>> tacAllowlist,
    List<String> allowedMccMnc,
    List<String> allowedApn,
    int maxEnrollmentsPerHour,
    boolean denyKeyReuse,
    ReenrollPolicy reenroll) {

  /** The rolling window of {@code maxEnrollmentsPerHour}. */
  public static final java.time.Duration ENROLLMENT_RATE_WINDOW = java.time.Duration.ofHours(1);

  /** RFC 7030 §4.2.2 re-enrolment rules. */
  public record ReenrollPolicy(boolean requireAttestation, boolean allowRekey) {}
}
