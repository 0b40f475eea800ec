package io.simca.ca.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings and pool behaviour that do not depend on the database kind. */
class DatabaseTest {

  @TempDir Path tmp;

  @Test
  void h2Settings_useDurableUrlOptions() {
    StoreSettings s = StoreSettings.h2(tmp);
    assertThat(s.jdbcUrl())
        .startsWith("jdbc:h2:file:" + tmp.toAbsolutePath() + "/simca;")
        .contains(";WRITE_DELAY=0")
        .contains(";DB_CLOSE_ON_EXIT=FALSE");
    assertThat(s.isPostgres()).isFalse();
    assertThat(StoreSettings.of("jdbc:postgresql://db/simca").isPostgres()).isTrue();
  }

  @Test
  void settings_redactPasswordInToString() {
    StoreSettings s =
        StoreSettings.of("jdbc:postgresql://db/simca?user=u&password=hunter2", "u", "hunter2");
    assertThat(s.toString()).doesNotContain("hunter2").contains("password=***");
  }

  @Test
  void settings_rejectOtherDatabases() {
    assertThatThrownBy(() -> StoreSettings.of("jdbc:mysql://db/simca"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void open_pingsAndReportsPool() {
    try (Database db = Database.open(StoreSettings.h2(tmp).withPoolSize(3))) {
      assertThat(db.ping()).isTrue();
      PoolStats stats = db.poolStats();
      assertThat(stats.max()).isEqualTo(3);
      assertThat(stats.active()).isZero();
      assertThat(stats.total()).isBetween(1, 3);
    }
  }

  @Test
  void h2StoreFile_isOwnerOnly_evenUnderAPermissiveUmask() throws Exception {
    try (Database db = Database.open(StoreSettings.h2(tmp))) {
      assertThat(db.ping()).isTrue();
    }
    Path file = tmp.resolve("simca.mv.db");
    assertThat(java.nio.file.Files.exists(file)).isTrue();
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void ping_isFalseAfterClose() {
    Database db = Database.open(StoreSettings.h2(tmp));
    db.close();
    db.close(); // idempotent
    assertThat(db.ping()).isFalse();
  }

  @Test
  void open_unreachableDatabase_throwsStoreUnavailable() {
    // Port 1 on loopback: connection refused at once.
    StoreSettings down =
        StoreSettings.of("jdbc:postgresql://127.0.0.1:1/simca?user=x&connectTimeout=1")
            .withConnectionTimeout(Duration.ofMillis(500));
    assertThatThrownBy(() -> Database.open(down))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("127.0.0.1:1");
  }

  @Test
  void exhaustedPool_throwsStoreUnavailable() {
    try (Stores stores =
        Stores.open(
            StoreSettings.h2(tmp).withPoolSize(1).withConnectionTimeout(Duration.ofMillis(300)))) {
      // Hold the only connection inside a transaction, then ask for another one.
      assertThatThrownBy(() -> stores.db().inTransaction(ctx -> stores.sims().find("1")))
          .isInstanceOf(StoreUnavailableException.class);
      assertThat(stores.db().ping()).isTrue();
    }
  }

  @Test
  void embeddedH2IsCompactedByDefault_andZeroTurnsItOff() {
    try (Database db = Database.open(StoreSettings.h2(tmp.resolve("on")))) {
      assertThat(db.h2FileBytes()).isPresent();
    }
    try (Database db =
        Database.open(StoreSettings.h2(tmp.resolve("off")).withH2CompactInterval(Duration.ZERO))) {
      assertThat(db.h2FileBytes()).isEmpty();
      assertThat(db.compactNow()).isFalse();
    }
    assertThatThrownBy(() -> StoreSettings.h2(tmp).withH2CompactInterval(Duration.ofMillis(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("h2CompactInterval");
  }
}
