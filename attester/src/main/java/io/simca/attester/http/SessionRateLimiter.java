package io.simca.attester.http;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A token bucket per session: {@code burst} tokens at once, then one every {@code 60 s /
 * perMinute}. A device needs one token per enrolment; a device asking faster is looping or is not a
 * device. Buckets that have refilled are forgotten, so the map follows the active callers.
 */
final class SessionRateLimiter {

  private static final class Bucket {
    double tokens;
    long atMillis;

    Bucket(double tokens, long atMillis) {
      this.tokens = tokens;
      this.atMillis = atMillis;
    }
  }

  private static final int SWEEP_ABOVE = 10_000;

  private final int burst;
  private final double perMilli;
  private final Clock clock;
  private final Map<String, Bucket> buckets = new HashMap<>();

  SessionRateLimiter(int burst, int perMinute, Clock clock) {
    if (burst < 1 || perMinute < 1) {
      throw new IllegalArgumentException("rate limit burst and per-minute must be at least 1");
    }
    this.burst = burst;
    this.perMilli = perMinute / 60_000.0;
    this.clock = clock;
  }

  /** Empty when {@code session} may have a token now, else how long to wait for one. */
  synchronized Optional<Duration> acquire(String session) {
    long now = clock.millis();
    if (buckets.size() > SWEEP_ABOVE) {
      buckets.values().removeIf(b -> refill(b, now) >= burst);
    }
    Bucket b = buckets.computeIfAbsent(session, k -> new Bucket(burst, now));
    b.tokens = refill(b, now);
    b.atMillis = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis((long) Math.ceil((1 - b.tokens) / perMilli)));
  }

  private double refill(Bucket b, long now) {
    return Math.min(burst, b.tokens + (now - b.atMillis) * perMilli);
  }
}
