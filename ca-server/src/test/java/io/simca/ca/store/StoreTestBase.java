package io.simca.ca.store;

import io.simca.est.testing.TestClock;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs every test of a subclass once on H2 and once on PostgreSQL (skipped without {@value
 * TestStores#POSTGRES_URL_ENV}), each on a fresh database.
 */
@ParameterizedClass(name = "[{0}]")
@EnumSource(TestStores.Kind.class)
abstract class StoreTestBase {

  static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  static final String CA_ID = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";

  @Parameter TestStores.Kind kind;

  @TempDir Path tmp;

  StoreTarget target;
  TestClock clock;
  Stores stores;

  @BeforeEach
  void openStores() {
    target = TestStores.target(kind, tmp);
    clock = new TestClock(T0);
    stores = Stores.open(target.settings(), clock);
  }

  @AfterEach
  void closeStores() {
    if (stores != null) {
      stores.close();
    }
    if (target != null) {
      target.close();
    }
  }

  /** Registers the default test CA (certificates need one: foreign key). */
  void registerCa() {
    stores
        .cas()
        .upsert(
            new CaRecordValue(
                CA_ID,
                "default",
                1,
                "CN=simca default 1",
                new byte[] {1, 2, 3},
                CaStatus.ACTIVE,
                T0.minus(Duration.ofDays(1)),
                T0.plus(Duration.ofDays(365))));
  }

  static BigInteger randomSerial() {
    byte[] bytes = new byte[16];
    ThreadLocalRandom.current().nextBytes(bytes);
    return new BigInteger(1, bytes).setBit(0);
  }

  static String spki(int n) {
    byte[] bytes = new byte[32];
    bytes[0] = (byte) n;
    bytes[1] = (byte) (n >>> 8);
    return HexFormat.of().formatHex(bytes);
  }

  /** A device certificate reservation valid 24 h from {@code notBefore}. */
  static CertificateReservation reservation(
      BigInteger serial, String iccid, String spki, Instant notBefore) {
    return new CertificateReservation(
        serial,
        CA_ID,
        iccid,
        "490154203237518",
        "acme",
        spki,
        "CN=" + iccid,
        "device",
        notBefore,
        notBefore.plus(Duration.ofHours(24)),
        "default");
  }

  static OcspResponseRow good(BigInteger serial, Instant thisUpdate) {
    return OcspResponseRow.of(
        serial,
        CA_ID,
        OcspCertStatus.GOOD,
        new byte[] {0x30, 3, 1, 2, 3},
        thisUpdate,
        thisUpdate.plus(Duration.ofHours(12)),
        thisUpdate);
  }

  /** Reserve + markIssued, the engine's two writes. */
  BigInteger issue(String iccid, String spki, Instant notBefore) {
    BigInteger serial = randomSerial();
    stores.certs().reserve(reservation(serial, iccid, spki, notBefore));
    stores
        .certs()
        .markIssued(serial, new byte[] {0x30, 1, 2}, good(serial, notBefore), issued(serial));
    return serial;
  }

  /** The ALLOW event that commits with an issued certificate. */
  static AuditEntry issued(BigInteger serial) {
    return AuditEntry.builder("enroll", "device", AuditOutcome.ALLOW).serial(serial).build();
  }
}
