package io.simca.attester.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.est.testing.TestClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachingSimDirectoryTest {

  private final TestClock clock = TestClock.at("2026-12-04T10:00:00Z");

  /** Answers from a script and counts the calls: what the cache must save. */
  private static final class Scripted implements SimDirectory {
    final Deque<SimLookup> answers = new ArrayDeque<>();
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public CompletableFuture<SimLookup> byImsi(String imsi) {
      calls.incrementAndGet();
      return CompletableFuture.completedFuture(answers.removeFirst());
    }
  }

  @Test
  void foundIsReusedForTtl_unknownForTheShorterTtl_unavailableNever() throws Exception {
    Scripted inventory = new Scripted();
    CachingSimDirectory cache =
        new CachingSimDirectory(
            inventory, Duration.ofMinutes(5), Duration.ofSeconds(30), 100, clock);

    inventory.answers.add(new SimLookup.Found("8944501000000000013", "active"));
    assertThat(cache.byImsi("234150000000001").get()).isInstanceOf(SimLookup.Found.class);
    assertThat(cache.byImsi("234150000000001").get()).isInstanceOf(SimLookup.Found.class);
    assertThat(inventory.calls).hasValue(1);

    inventory.answers.add(new SimLookup.Unknown("not there"));
    inventory.answers.add(new SimLookup.Found("8944501000000000021", "active"));
    assertThat(cache.byImsi("234150000000002").get()).isInstanceOf(SimLookup.Unknown.class);
    clock.advance(Duration.ofSeconds(31));
    assertThat(cache.byImsi("234150000000002").get()).isInstanceOf(SimLookup.Found.class);
    assertThat(inventory.calls).hasValue(3);

    inventory.answers.add(new SimLookup.Unavailable("down"));
    inventory.answers.add(new SimLookup.Found("8944501000000000039", "active"));
    assertThat(cache.byImsi("234150000000003").get()).isInstanceOf(SimLookup.Unavailable.class);
    assertThat(cache.byImsi("234150000000003").get()).isInstanceOf(SimLookup.Found.class);
    assertThat(inventory.calls).hasValue(5);

    clock.advance(Duration.ofMinutes(6));
    inventory.answers.add(new SimLookup.Found("8944501000000000013", "lost"));
    assertThat(((SimLookup.Found) cache.byImsi("234150000000001").get()).active()).isFalse();
  }
}
