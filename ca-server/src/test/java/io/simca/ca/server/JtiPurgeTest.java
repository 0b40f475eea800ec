package io.simca.ca.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.hierarchy.DataDir;
import io.simca.ca.hierarchy.HierarchyInitializer;
import io.simca.ca.hierarchy.InitOptions;
import io.simca.ca.store.StoreTarget;
import io.simca.ca.store.TestStores;
import io.simca.ca.testing.TestServer;
import io.simca.ca.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A node forgets used attestation jtis once their token can no longer verify (exp + clock skew), at
 * start and on a schedule; a jti whose token is still live stays, so a replay is still caught.
 * Before, nothing ever purged the table.
 */
class JtiPurgeTest {

  @TempDir Path tmp;

  static Stream<TestStores.Kind> kinds() {
    return TestServers.kinds();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aStartingNode_purgesJtisPastExpiryAndSkew_keepsLiveOnes(TestStores.Kind kind)
      throws Exception {
    Path root = Files.createTempDirectory(tmp, "node-");
    StoreTarget real = TestStores.target(kind, root);
    StoreTarget shared = new StoreTarget(real.name(), real.settings(), () -> {});
    try {
      DataDir dir = new DataDir(root.resolve("data"));
      new HierarchyInitializer().init(dir, InitOptions.defaults());
      Instant now = Instant.now();
      Duration skew;
      try (TestServer first = TestServers.startOn(dir, shared, Map.of())) {
        skew = first.config().policy().clockSkew();
        var jtis = first.stores().jtis();
        assertThat(jtis.markUsed("att", "long-gone", now.minus(Duration.ofHours(1)))).isTrue();
        assertThat(jtis.markUsed("att", "within-skew", now.minus(skew).plusSeconds(30))).isTrue();
        assertThat(jtis.markUsed("att", "live", now.plusSeconds(120))).isTrue();
      }
      try (TestServer second = TestServers.startOn(dir, shared, Map.of())) {
        var jtis = second.stores().jtis();
        long deadline = System.nanoTime() + 10_000_000_000L;
        boolean purged = false;
        while (!purged && System.nanoTime() < deadline) {
          // markUsed succeeds only when the row is gone; put it back as expired for the next look.
          purged = jtis.markUsed("att", "long-gone", now.minus(Duration.ofHours(1)));
          if (!purged) {
            Thread.sleep(100);
          }
        }
        assertThat(purged).as("the expired jti was purged at start").isTrue();
        assertThat(jtis.markUsed("att", "within-skew", now))
            .as("still inside exp + skew")
            .isFalse();
        assertThat(jtis.markUsed("att", "live", now)).as("a live token's jti").isFalse();
      }
    } finally {
      real.close();
    }
  }
}
