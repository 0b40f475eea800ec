package io.simca.ca.server;

import static io.simca.ca.store.jooq.Tables.AUDIT_EVENT;
import static io.simca.ca.store.jooq.Tables.CERTIFICATE;
import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.hierarchy.DataDir;
import io.simca.ca.hierarchy.HierarchyInitializer;
import io.simca.ca.hierarchy.InitOptions;
import io.simca.ca.pki.SerialNumbers;
import io.simca.ca.store.CertificateReservation;
import io.simca.ca.store.StoreTarget;
import io.simca.ca.store.TestStores;
import io.simca.ca.testing.TestCertificates;
import io.simca.ca.testing.TestServer;
import io.simca.ca.testing.TestServers;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A reservation that a crash left {@code reserved} (kill -9 between reserving a serial and storing
 * its certificate) is removed by the next node to start once it is old enough, with an audit event
 * naming it; a fresh reservation (an enrolment in flight on another node) is left alone.
 */
class AbandonedReservationsTest {

  @TempDir Path tmp;

  static Stream<TestStores.Kind> kinds() {
    return TestServers.kinds();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void oldReservations_areRemovedAndAudited_freshOnesStay(TestStores.Kind kind) throws Exception {
    Path root = Files.createTempDirectory(tmp, "node-");
    StoreTarget real = TestStores.target(kind, root);
    StoreTarget shared = new StoreTarget(real.name(), real.settings(), () -> {});
    try {
      DataDir dir = new DataDir(root.resolve("data"));
      new HierarchyInitializer().init(dir, InitOptions.defaults());
      BigInteger old = SerialNumbers.next();
      BigInteger fresh = SerialNumbers.next();
      String iccid = "8949000000000000017";
      try (TestServer first = TestServers.startOn(dir, shared, Map.of())) {
        TestCertificates.insertSim(first.stores(), iccid);
        for (BigInteger serial : new BigInteger[] {old, fresh}) {
          first
              .stores()
              .certs()
              .reserve(
                  new CertificateReservation(
                      serial,
                      first.issuingCa().keyId(),
                      iccid,
                      null,
                      "acme",
                      "00".repeat(32),
                      "CN=" + iccid,
                      "device",
                      Instant.now(),
                      Instant.now().plus(Duration.ofDays(1)),
                      "test"));
        }
        first
            .stores()
            .db()
            .dsl()
            .update(CERTIFICATE)
            .set(
                CERTIFICATE.CREATED_AT,
                Instant.now().minus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC))
            .where(CERTIFICATE.SERIAL.eq(old.toString(16)))
            .execute();
      }
      try (TestServer second = TestServers.startOn(dir, shared, Map.of())) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (second.stores().certs().find(old).isPresent() && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        assertThat(second.stores().certs().find(old)).as("the abandoned reservation").isEmpty();
        assertThat(second.stores().certs().find(fresh)).as("the one in flight").isPresent();
        int events =
            second
                .stores()
                .db()
                .dsl()
                .fetchCount(
                    AUDIT_EVENT,
                    AUDIT_EVENT
                        .EVENT_TYPE
                        .eq("reservation_abandoned")
                        .and(AUDIT_EVENT.SERIAL.eq(old.toString(16))));
        assertThat(events).isEqualTo(1);
        assertThat(second.stores().audit().verify().ok()).isTrue();
      }
    } finally {
      real.close();
    }
  }
}
