package io.simca.attester.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.est.testing.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionRateLimiterTest {

  private final TestClock clock = TestClock.at("2026-12-04T10:00:00Z");

  @Test
  void burstThenOnePerInterval_perSession() {
    SessionRateLimiter limiter = new SessionRateLimiter(3, 6, clock);
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.acquire("a")).isEmpty();
    }
    Duration wait = limiter.acquire("a").orElseThrow();
    assertThat(wait).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(10));
    // Another session has its own bucket.
    assertThat(limiter.acquire("b")).isEmpty();
    clock.advance(Duration.ofSeconds(10));
    assertThat(limiter.acquire("a")).isEmpty();
    assertThat(limiter.acquire("a")).isPresent();
  }
}
