package io.simca.ca.policy;

import io.simca.ca.error.ErrorKind;
import io.simca.ca.store.CertFilter;
import io.simca.ca.store.CertificateRow;
import io.simca.ca.store.CertificateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Rule 10: at most {@code policy.maxEnrollmentsPerHour} certificates (reserved or issued) per SIM
 * in a rolling hour, shared by every node through the store. Answers 429 with a Retry-After of when
 * the oldest counted certificate leaves the window.
 */
final class RateLimitRule implements Rule {

  static final Duration WINDOW = io.simca.ca.config.PolicyConfig.ENROLLMENT_RATE_WINDOW;

  private final CertificateStore certs;
  private final int maxPerHour;
  private final Clock clock;

  RateLimitRule(CertificateStore certs, int maxPerHour, Clock clock) {
    this.certs = certs;
    this.maxPerHour = maxPerHour;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "rate_limit";
  }

  @Override
  public Optional<Deny> check(Evaluation e) {
    if (maxPerHour <= 0) {
      return Optional.empty();
    }
    String iccid = e.sim().orElseThrow().iccid();
    Instant now = clock.instant();
    if (certs.countIssuedSince(iccid, now.minus(WINDOW)) < maxPerHour) {
      return Optional.empty();
    }
    return Optional.of(
        new Deny(
                ErrorKind.RATE_LIMITED,
                "rate_limited",
                "more than " + maxPerHour + " enrolments for this SIM in the last hour")
            .withRetryAfter(retryAfter(iccid, now)));
  }

  private Duration retryAfter(String iccid, Instant now) {
    // Newest first: the maxPerHour-th newest is the one whose leaving the window frees a slot.
    List<CertificateRow> recent = certs.list(CertFilter.ALL.withIccid(iccid), 0, maxPerHour);
    if (recent.size() < maxPerHour || recent.get(maxPerHour - 1).createdAt() == null) {
      return Duration.ofMinutes(1);
    }
    Duration wait = Duration.between(now, recent.get(maxPerHour - 1).createdAt().plus(WINDOW));
    return wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
  }
}
