package io.simca.ca.ocsp;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.crypto.CryptoProviders;
import io.simca.ca.hierarchy.DataDir;
import io.simca.ca.hierarchy.HierarchyInitializer;
import io.simca.ca.hierarchy.InitOptions;
import io.simca.ca.hierarchy.IssuingCa;
import io.simca.ca.hierarchy.LoadedHierarchy;
import io.simca.ca.pki.SerialNumbers;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real responses from a real hierarchy: what the cache keeps when puts arrive out of order. */
class OcspCacheTest {

  @TempDir static Path tmp;
  static IssuingCa ca;
  static OcspPresigner presigner;

  @BeforeAll
  static void hierarchy() {
    DataDir dir = new DataDir(tmp.resolve("data"));
    new HierarchyInitializer().init(dir, InitOptions.defaults());
    ca = LoadedHierarchy.load(dir).byLabel("default").orElseThrow();
    presigner =
        new OcspPresigner(new OcspResponseSigner(CryptoProviders.get()), Duration.ofHours(4));
  }

  private static Instant t(int seconds) {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(seconds);
  }

  @Test
  void aGoodResponseDeliveredAfterTheRevocation_neverHidesIt() {
    OcspCache cache = new OcspCache();
    BigInteger serial = SerialNumbers.next();
    cache.put(presigner.good(ca, serial, t(0)));
    assertThat(cache.get(serial).orElseThrow().state())
        .isInstanceOf(OcspResponseSigner.Good.class); // now hot

    cache.put(presigner.revoked(ca, serial, t(1), 1, t(1)));
    assertThat(cache.get(serial).orElseThrow().state())
        .isInstanceOf(OcspResponseSigner.Revoked.class);

    // The change follower read the good row just before the revocation committed.
    cache.put(presigner.good(ca, serial, t(0)));
    // A re-sign of good that raced the revocation, even with a later producedAt (clock skew).
    cache.put(presigner.good(ca, serial, t(5)));
    assertThat(cache.get(serial).orElseThrow().state())
        .isInstanceOf(OcspResponseSigner.Revoked.class);
  }

  @Test
  void anOlderResponseOfTheSameStatus_doesNotReplaceANewerOne() {
    OcspCache cache = new OcspCache();
    BigInteger serial = SerialNumbers.next();
    cache.put(presigner.revoked(ca, serial, t(0), 1, t(10)));
    cache.put(presigner.revoked(ca, serial, t(0), 1, t(2)));
    assertThat(cache.get(serial).orElseThrow().thisUpdate()).isEqualTo(t(10));

    cache.put(presigner.revoked(ca, serial, t(0), 1, t(20)));
    assertThat(cache.get(serial).orElseThrow().thisUpdate()).isEqualTo(t(20));
  }
}
