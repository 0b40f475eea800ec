package io.simca.ca.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SimStoreTest extends StoreTestBase {

  static String iccid(int n) {
    return String.format("89882110%011d", n);
  }

  static SimRow sim(int n, String tenant) {
    return SimRow.imported(iccid(n), String.format("26201%010d", n), null, tenant);
  }

  @Test
  void insertAll_thenFind_returnsTheRowWithStoreTimes() {
    SimImportResult result =
        stores
            .sims()
            .insertAll(
                List.of(
                    SimRow.imported(iccid(1), "262011234567890", "490154203237518", "acme"),
                    sim(2, "acme")));

    assertThat(result.inserted()).isEqualTo(2);
    SimRow row = stores.sims().find(iccid(1)).orElseThrow();
    assertThat(row.imsi()).isEqualTo("262011234567890");
    assertThat(row.imei()).isEqualTo("490154203237518");
    assertThat(row.status()).isEqualTo(SimStatus.ACTIVE);
    assertThat(row.createdAt()).isEqualTo(T0);
    assertThat(row.updatedAt()).isEqualTo(T0);
    assertThat(stores.sims().find(iccid(3))).isEmpty();
  }

  @Test
  void insertAll_existingIccid_failsWholeImportNamingIt() {
    stores.sims().insertAll(List.of(sim(2, "acme")));

    assertThatThrownBy(
            () -> stores.sims().insertAll(List.of(sim(1, "acme"), sim(2, "acme"), sim(3, "acme"))))
        .isInstanceOfSatisfying(
            DuplicateSimException.class,
            e -> {
              assertThat(e.iccids()).containsExactly(iccid(2));
              assertThat(e.getMessage()).contains(iccid(2)).contains("already in the store");
            });
    assertThat(stores.sims().count(SimFilter.ALL)).isEqualTo(1);
  }

  @Test
  void insertAll_iccidRepeatedInInput_failsBeforeWriting() {
    assertThatThrownBy(
            () -> stores.sims().insertAll(List.of(sim(1, "acme"), sim(2, "acme"), sim(1, "acme"))))
        .isInstanceOfSatisfying(
            DuplicateSimException.class, e -> assertThat(e.iccids()).containsExactly(iccid(1)));
    assertThat(stores.sims().count(SimFilter.ALL)).isZero();
  }

  @Test
  void insertAll_skipExisting_insertsTheRestAndReportsSkipped() {
    stores.sims().insertAll(List.of(sim(2, "old")));

    SimImportResult result =
        stores
            .sims()
            .insertAll(
                List.of(sim(1, "new"), sim(2, "new"), sim(3, "new")), SimStore.OnExisting.SKIP);

    assertThat(result.inserted()).isEqualTo(2);
    assertThat(result.skippedExisting()).containsExactly(iccid(2));
    assertThat(stores.sims().find(iccid(2)).orElseThrow().tenant()).isEqualTo("old");
    assertThat(stores.sims().count(SimFilter.ALL)).isEqualTo(3);
  }

  @Test
  void list_filtersByTenantStatusAndPrefix_pagedInIccidOrder() {
    List<SimRow> rows = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      rows.add(sim(i, i % 3 == 0 ? "beta" : "acme"));
    }
    stores.sims().insertAll(rows);
    stores.sims().updateStatus(iccid(4), SimStatus.LOST, "reported lost");

    assertThat(stores.sims().count(SimFilter.ALL.withTenant("beta"))).isEqualTo(10);
    assertThat(stores.sims().list(SimFilter.ALL.withTenant("acme"), 0, 3))
        .extracting(SimRow::iccid)
        .containsExactly(iccid(1), iccid(2), iccid(4));
    assertThat(stores.sims().list(SimFilter.ALL.withTenant("acme"), 3, 2))
        .extracting(SimRow::iccid)
        .containsExactly(iccid(5), iccid(7));
    assertThat(stores.sims().list(SimFilter.ALL.withStatus(SimStatus.LOST), 0, 10))
        .extracting(SimRow::iccid)
        .containsExactly(iccid(4));
    // iccid(10)..iccid(19) and iccid(1x)... share the prefix "898821100000000001"
    assertThat(stores.sims().count(SimFilter.ALL.withIccidPrefix(iccid(10).substring(0, 18))))
        .isEqualTo(10);
    assertThat(stores.sims().count(SimFilter.ALL.withTenant("acme").withStatus(SimStatus.ACTIVE)))
        .isEqualTo(19);
  }

  @Test
  void updateStatusIf_changesOnlyFromTheExpectedStatus() {
    stores.sims().insertAll(List.of(sim(1, "acme")));
    stores.sims().updateStatus(iccid(1), SimStatus.SUSPENDED, "imei mismatch");
    // A revocation lands first: a resume that still expects "suspended" must not undo it.
    stores.sims().updateStatus(iccid(1), SimStatus.LOST, "lost");
    assertThat(
            stores.sims().updateStatusIf(iccid(1), SimStatus.SUSPENDED, SimStatus.ACTIVE, "resume"))
        .isFalse();
    assertThat(stores.sims().find(iccid(1)).orElseThrow().status()).isEqualTo(SimStatus.LOST);
    assertThat(stores.sims().updateStatusIf(iccid(1), SimStatus.LOST, SimStatus.ACTIVE, "forced"))
        .isTrue();
    assertThat(stores.sims().find(iccid(1)).orElseThrow().status()).isEqualTo(SimStatus.ACTIVE);
  }

  @Test
  void updateStatus_setsReasonAndUpdatedAt_falseForUnknownSim() {
    stores.sims().insertAll(List.of(sim(1, "acme")));
    clock.advance(Duration.ofMinutes(5));

    assertThat(stores.sims().updateStatus(iccid(1), SimStatus.STOLEN, "police report 42")).isTrue();
    assertThat(stores.sims().updateStatus(iccid(9), SimStatus.STOLEN, "x")).isFalse();

    SimRow row = stores.sims().find(iccid(1)).orElseThrow();
    assertThat(row.status()).isEqualTo(SimStatus.STOLEN);
    assertThat(row.statusReason()).isEqualTo("police report 42");
    assertThat(row.updatedAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    assertThat(row.createdAt()).isEqualTo(T0);
  }

  @Test
  void lockImeiIfUnset_locksOnceAndNeverOverwrites() {
    stores
        .sims()
        .insertAll(
            List.of(
                sim(1, "acme"),
                SimRow.imported(iccid(2), "262010000000002", "490154203237518", "acme")));

    assertThat(stores.sims().lockImeiIfUnset(iccid(1), "356938035643809")).isTrue();
    assertThat(stores.sims().lockImeiIfUnset(iccid(1), "490154203237518")).isFalse();
    assertThat(stores.sims().lockImeiIfUnset(iccid(2), "356938035643809")).isFalse();
    assertThat(stores.sims().lockImeiIfUnset(iccid(9), "356938035643809")).isFalse();

    SimRow locked = stores.sims().find(iccid(1)).orElseThrow();
    assertThat(locked.imei()).isEqualTo("356938035643809");
    assertThat(locked.imeiLockedAt()).isEqualTo(T0);
    assertThat(stores.sims().find(iccid(2)).orElseThrow().imei()).isEqualTo("490154203237518");
  }

  @Test
  void lockImeiIfUnset_concurrentFirstEnrolments_exactlyOneWins() throws Exception {
    stores.sims().insertAll(List.of(sim(1, "acme")));
    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String imei = String.format("35693803564%04d", t);
        Callable<Boolean> lock =
            () -> {
              start.await();
              return stores.sims().lockImeiIfUnset(iccid(1), imei);
            };
        results.add(pool.submit(lock));
      }
      start.countDown();
      int winners = 0;
      for (Future<Boolean> f : results) {
        winners += f.get() ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void insertAll_100kRows_inBatches() {
    int n = 100_000;
    List<SimRow> rows = new ArrayList<>(n);
    long tenant3 = 0;
    for (int i = 0; i < n; i++) {
      rows.add(sim(i, "tenant-" + (i % 7)));
      tenant3 += i % 7 == 3 ? 1 : 0;
    }
    long started = System.nanoTime();

    SimImportResult result = stores.sims().insertAll(rows);

    long ms = (System.nanoTime() - started) / 1_000_000;
    System.err.printf("[%s] imported %d SIMs in %d ms%n", kind, n, ms);
    assertThat(result.inserted()).isEqualTo(n);
    assertThat(stores.sims().count(SimFilter.ALL)).isEqualTo(n);
    assertThat(stores.sims().count(SimFilter.ALL.withTenant("tenant-3"))).isEqualTo(tenant3);
    assertThat(stores.sims().find(iccid(n - 1))).isPresent();
  }

  @Test
  void fieldsLongerThanColumns_areRejectedBeforeWriting() {
    assertThatThrownBy(
            () -> stores.sims().insertAll(List.of(SimRow.imported("1".repeat(23), "1", null, "a"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("iccid");
  }
}
