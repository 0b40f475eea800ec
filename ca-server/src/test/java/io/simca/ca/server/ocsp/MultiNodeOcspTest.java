package io.simca.ca.server.ocsp;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.revocation.SimRevocationReason;
import io.simca.ca.store.StoreTarget;
import io.simca.ca.store.TestStores;
import io.simca.ca.testing.TestCertificates;
import io.simca.ca.testing.TestServer;
import io.simca.ca.testing.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two nodes on one PostgreSQL schema: what one node revokes, the other answers within a second. */
class MultiNodeOcspTest {

  @TempDir Path tmp;

  @Test
  void revokeOnNodeA_nodeBAnswersRevokedWithinOneSecond() throws Exception {
    try (TestServer a = TestServers.start(tmp, TestStores.Kind.POSTGRES)) {
      // Node B: same hierarchy files (same data dir) and same schema; closing it must not drop the
      // schema.
      StoreTarget shared = new StoreTarget("postgres", a.storeTarget().settings(), () -> {});
      try (TestServer b = TestServers.startOn(a.dataDir(), shared, Map.of())) {
        TestCertificates.Issued dev = TestCertificates.issue(a, tmp);
        byte[] req = OcspValidatorsTest.request(b, dev.serial(), false);
        assertThat(status(b, req)).isNull(); // good: B found it in the store (or its poll)

        a.server()
            .services()
            .revocation()
            .revokeSim(dev.iccid(), SimRevocationReason.STOLEN, "test");
        long t0 = System.nanoTime();
        Object st = status(b, req);
        while (!(st instanceof RevokedStatus) && System.nanoTime() - t0 < 3_000_000_000L) {
          Thread.sleep(20);
          st = status(b, req);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        System.out.println(
            "node B answered revoked " + took.toMillis() + " ms after node A committed");
        assertThat(st).isInstanceOf(RevokedStatus.class);
        assertThat(took).isLessThan(Duration.ofSeconds(1));

        // A node started later loads every current response at start.
        StoreTarget third = new StoreTarget("postgres", a.storeTarget().settings(), () -> {});
        try (TestServer c = TestServers.startOn(a.dataDir(), third, Map.of())) {
          assertThat(c.server().services().ocsp().cache().get(dev.serial())).isPresent();
          assertThat(status(c, req)).isInstanceOf(RevokedStatus.class);
        }
      }
    }
  }

  static Object status(TestServer node, byte[] req) throws Exception {
    BasicOCSPResp basic = OcspValidatorsTest.post(node, req);
    return basic.getResponses()[0].getCertStatus();
  }
}
