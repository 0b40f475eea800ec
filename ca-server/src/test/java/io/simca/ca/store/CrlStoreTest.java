package io.simca.ca.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CrlStoreTest extends StoreTestBase {

  private static CrlRow crl(String caId, long number, int entries) {
    return new CrlRow(
        caId, number, new byte[] {0x30, (byte) number}, T0, T0.plus(Duration.ofHours(6)), entries);
  }

  @Test
  void nextCrlNumber_countsUpPerCa() {
    assertThat(stores.crls().nextCrlNumber("ca1")).isEqualTo(1);
    assertThat(stores.crls().nextCrlNumber("ca1")).isEqualTo(2);
    assertThat(stores.crls().nextCrlNumber("ca2")).isEqualTo(1);
    assertThat(stores.crls().nextCrlNumber("ca1")).isEqualTo(3);
  }

  @Test
  void nextCrlNumber_concurrentCallersOnTwoNodes_neverShareANumber() throws Exception {
    try (Stores node2 = Stores.open(target.settings(), clock)) {
      List<CrlStore> nodes = List.of(stores.crls(), node2.crls());
      int threads = 6;
      int perThread = 15;
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<List<Long>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          CrlStore node = nodes.get(t % 2);
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    List<Long> got = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                      got.add(node.nextCrlNumber("ca1"));
                    }
                    return got;
                  }));
        }
        start.countDown();
        Set<Long> all = new HashSet<>();
        for (Future<List<Long>> f : results) {
          List<Long> got = f.get();
          assertThat(got).isSorted();
          all.addAll(got);
        }
        assertThat(all).hasSize(threads * perThread);
        assertThat(all).allSatisfy(n -> assertThat(n).isBetween(1L, (long) threads * perThread));
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void save_thenLatest_returnsTheNewestCrl() {
    assertThat(stores.crls().latest("ca1")).isEmpty();

    assertThat(stores.crls().save(crl("ca1", 1, 0))).isTrue();
    assertThat(stores.crls().save(crl("ca1", 2, 5))).isTrue();

    CrlRow latest = stores.crls().latest("ca1").orElseThrow();
    assertThat(latest.crlNumber()).isEqualTo(2);
    assertThat(latest.entries()).isEqualTo(5);
    assertThat(latest.crlDer()).containsExactly(0x30, 2);
    assertThat(latest.nextUpdate()).isEqualTo(T0.plus(Duration.ofHours(6)));
  }

  @Test
  void save_olderOrSameNumber_isIgnored() {
    stores.crls().save(crl("ca1", 5, 1));

    assertThat(stores.crls().save(crl("ca1", 4, 9))).isFalse();
    assertThat(stores.crls().save(crl("ca1", 5, 9))).isFalse();

    assertThat(stores.crls().latest("ca1").orElseThrow().entries()).isEqualTo(1);
  }

  @Test
  void save_largeCrl_roundTrips() {
    byte[] der = new byte[8 * 1024 * 1024]; // a CRL with ~200k entries
    der[0] = 0x30;
    der[der.length - 1] = 0x7f;
    stores.crls().save(new CrlRow("ca1", 1, der, T0, T0.plus(Duration.ofHours(6)), 200_000));

    assertThat(stores.crls().latest("ca1").orElseThrow().crlDer()).isEqualTo(der);
  }
}
