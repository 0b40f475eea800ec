package io.simca.device;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * When to renew: at two thirds of the certificate's lifetime, moved by up to ±5 % of the lifetime
 * at random, so a fleet enrolled in one burst (a power cut, a network restart) does not renew in
 * one burst every day after. A failed attempt is retried with doubling waits (1 min to 30 min),
 * never later than the expiry.
 */
public final class RenewalSchedule {

  static final Duration FIRST_RETRY = Duration.ofMinutes(1);
  static final Duration MAX_RETRY = Duration.ofMinutes(30);

  private RenewalSchedule() {}

  public static Instant renewAt(X509Certificate cert, RandomGenerator random) {
    Instant from = cert.getNotBefore().toInstant();
    Duration lifetime = Duration.between(from, cert.getNotAfter().toInstant());
    long jitterRange = lifetime.toMillis() / 20;
    long jitter = jitterRange == 0 ? 0 : random.nextLong(-jitterRange, jitterRange + 1);
    return from.plus(lifetime.multipliedBy(2).dividedBy(3)).plusMillis(jitter);
  }

  /** The wait before retry {@code attempt} (1 = the first retry). */
  public static Duration retryAfter(int attempt) {
    Duration d = FIRST_RETRY.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 5));
    return d.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : d;
  }
}
