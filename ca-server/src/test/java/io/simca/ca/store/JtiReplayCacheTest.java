package io.simca.ca.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class JtiReplayCacheTest extends StoreTestBase {

  private static final Instant EXP = T0.plus(Duration.ofMinutes(5));

  @Test
  void markUsed_secondUseOfSameJti_isAReplay() {
    assertThat(stores.jtis().markUsed("attester-1", "jti-1", EXP)).isTrue();
    assertThat(stores.jtis().markUsed("attester-1", "jti-1", EXP)).isFalse();
  }

  @Test
  void markUsed_sameJtiFromAnotherIssuer_isNotAReplay() {
    assertThat(stores.jtis().markUsed("attester-1", "jti-1", EXP)).isTrue();
    assertThat(stores.jtis().markUsed("attester-2", "jti-1", EXP)).isTrue();
  }

  @Test
  void purgeExpired_dropsOnlyExpiredEntries() {
    stores.jtis().markUsed("a", "old", T0.plusSeconds(10));
    stores.jtis().markUsed("a", "new", T0.plusSeconds(300));

    assertThat(stores.jtis().purgeExpired(T0.plusSeconds(60))).isEqualTo(1);

    assertThat(stores.jtis().markUsed("a", "new", EXP)).isFalse();
    assertThat(stores.jtis().markUsed("a", "old", EXP)).isTrue();
  }

  @Test
  void markUsed_concurrentOnTwoDatabaseInstances_exactlyOneWins() throws Exception {
    // Two pools on the same database, as two server nodes on one PostgreSQL (or two pools on one H2
    // file).
    try (Stores node2 = Stores.open(target.settings(), clock)) {
      List<JtiReplayCache> nodes = List.of(stores.jtis(), node2.jtis());
      int rounds = 20;
      int threads = 8;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        for (int round = 0; round < rounds; round++) {
          String jti = "race-" + round;
          CountDownLatch start = new CountDownLatch(1);
          List<Future<Boolean>> results = new ArrayList<>();
          for (int t = 0; t < threads; t++) {
            JtiReplayCache node = nodes.get(t % 2);
            results.add(
                pool.submit(
                    () -> {
                      start.await();
                      return node.markUsed("attester-1", jti, EXP);
                    }));
          }
          start.countDown();
          int firstUses = 0;
          for (Future<Boolean> f : results) {
            firstUses += f.get() ? 1 : 0;
          }
          assertThat(firstUses).as("round %d", round).isEqualTo(1);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
