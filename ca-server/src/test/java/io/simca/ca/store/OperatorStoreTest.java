package io.simca.ca.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Operator credentials in the store: one live credential per name, revocation, the last admin. */
class OperatorStoreTest extends StoreTestBase {

  @BeforeEach
  void ca() {
    registerCa();
  }

  static OperatorRow row(String name, String role, Duration life) {
    return new OperatorRow(
        randomSerial(),
        name,
        role,
        CA_ID,
        "CN=" + name,
        new byte[] {1},
        OperatorStatus.ACTIVE,
        T0.minus(Duration.ofMinutes(5)),
        T0.plus(life),
        "test",
        null,
        null,
        null);
  }

  @Test
  void insert_storesALiveCredential_andANameHasOnlyOne() {
    OperatorRow alice = row("alice", "operator", Duration.ofDays(30));
    stores.operators().insert(alice);

    OperatorRow stored = stores.operators().bySerial(alice.serial()).orElseThrow();
    assertThat(stored.name()).isEqualTo("alice");
    assertThat(stored.role()).isEqualTo("operator");
    assertThat(stored.status()).isEqualTo(OperatorStatus.ACTIVE);
    assertThat(stored.usableAt(T0)).isTrue();
    assertThat(stored.createdAt()).isEqualTo(T0);
    assertThatThrownBy(() -> stores.operators().insert(row("alice", "admin", Duration.ofDays(1))))
        .isInstanceOf(StoreConflictException.class)
        .hasMessageContaining("alice");
  }

  @Test
  void insert_releasesTheNameOfAnExpiredCredential() {
    OperatorRow old = row("bob", "auditor", Duration.ofDays(1));
    stores.operators().insert(old);
    clock.advance(Duration.ofDays(2));

    OperatorRow renewed = row("bob", "auditor", Duration.ofDays(30));
    stores.operators().insert(renewed);

    assertThat(stores.operators().all())
        .extracting(OperatorRow::serial)
        .containsExactlyInAnyOrder(old.serial(), renewed.serial());
    assertThat(stores.operators().bySerial(old.serial()).orElseThrow().usableAt(clock.instant()))
        .isFalse();
  }

  @Test
  void revokeByName_revokesTheLiveCredential_thenTheNameCanBeIssuedAgain() {
    stores.operators().insert(row("admin", "admin", Duration.ofDays(30)));
    OperatorRow carol = row("carol", "operator", Duration.ofDays(30));
    stores.operators().insert(carol);

    List<OperatorRow> revoked =
        stores.operators().revokeByName("carol", "operator:admin(admin)", T0, true);

    assertThat(revoked).extracting(OperatorRow::serial).containsExactly(carol.serial());
    OperatorRow stored = stores.operators().bySerial(carol.serial()).orElseThrow();
    assertThat(stored.status()).isEqualTo(OperatorStatus.REVOKED);
    assertThat(stored.revokedAt()).isEqualTo(T0);
    assertThat(stored.revokedBy()).isEqualTo("operator:admin(admin)");
    assertThat(stored.usableAt(T0)).isFalse();
    assertThat(stores.operators().revokeByName("carol", "x", T0, true)).isEmpty();
    stores.operators().insert(row("carol", "operator", Duration.ofDays(30)));
  }

  @Test
  void revokeByName_refusesTheLastLiveAdmin() {
    OperatorRow only = row("root-admin", "admin", Duration.ofDays(30));
    stores.operators().insert(only);
    // An expired admin does not count as another live one.
    stores.operators().insert(row("old-admin", "admin", Duration.ofSeconds(-1)));

    assertThatThrownBy(() -> stores.operators().revokeByName("root-admin", "x", T0, true))
        .isInstanceOf(OperatorStore.LastAdminException.class);
    assertThat(stores.operators().bySerial(only.serial()).orElseThrow().status())
        .isEqualTo(OperatorStatus.ACTIVE);

    stores.operators().insert(row("second-admin", "admin", Duration.ofDays(30)));
    assertThat(stores.operators().revokeByName("root-admin", "x", T0, true)).hasSize(1);
  }

  @Test
  void revokeByName_twoAdminsRevokingEachOtherAtOnce_leaveOneLive() throws Exception {
    for (int trial = 0; trial < 10; trial++) {
      String a = "a" + trial;
      String b = "b" + trial;
      stores.operators().insert(row(a, "admin", Duration.ofDays(30)));
      stores.operators().insert(row(b, "admin", Duration.ofDays(30)));
      // Every earlier pair left one live admin, so only a and b can be the last two here when
      // nothing else is live: revoke the survivors of earlier trials first.
      for (OperatorRow r : stores.operators().all()) {
        if (!r.name().equals(a) && !r.name().equals(b) && r.status() == OperatorStatus.ACTIVE) {
          stores.operators().revokeByName(r.name(), "x", T0, false);
        }
      }
      CyclicBarrier start = new CyclicBarrier(2);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        CompletableFuture<Boolean> ra = revokeAt(pool, start, a);
        CompletableFuture<Boolean> rb = revokeAt(pool, start, b);
        assertThat(ra.get() ^ rb.get()).as("exactly one revocation wins").isTrue();
      } finally {
        pool.shutdown();
      }
      long live =
          stores.operators().all().stream()
              .filter(r -> r.role().equals("admin") && r.usableAt(T0))
              .count();
      assertThat(live).isEqualTo(1);
    }
  }

  private CompletableFuture<Boolean> revokeAt(ExecutorService pool, CyclicBarrier start, String n) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            start.await();
            return !stores.operators().revokeByName(n, "x", T0, true).isEmpty();
          } catch (OperatorStore.LastAdminException e) {
            return false;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        },
        pool);
  }

  @Test
  void insertIfAbsent_registersOnce_andARevokedCredentialStaysRevoked() {
    OperatorRow first = row("admin", "admin", Duration.ofDays(365));
    assertThat(stores.operators().insertIfAbsent(first)).isTrue();
    assertThat(stores.operators().insertIfAbsent(first)).isFalse();
    stores.operators().insert(row("other-admin", "admin", Duration.ofDays(30)));
    stores.operators().revokeByName("admin", "x", T0, true);

    assertThat(stores.operators().insertIfAbsent(first)).isFalse();
    assertThat(stores.operators().bySerial(first.serial()).orElseThrow().status())
        .isEqualTo(OperatorStatus.REVOKED);
  }

  @Test
  void bySerial_unknownIsEmpty() {
    assertThat(stores.operators().bySerial(BigInteger.valueOf(12345))).isEmpty();
  }
}
