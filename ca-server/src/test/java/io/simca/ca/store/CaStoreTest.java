package io.simca.ca.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CaStoreTest extends StoreTestBase {

  private static CaRecordValue ca(String id, String label, int generation, CaStatus status) {
    return new CaRecordValue(
        id,
        label,
        generation,
        "CN=" + label + " " + generation,
        new byte[] {9, 8, 7},
        status,
        T0,
        T0.plus(Duration.ofDays(730)));
  }

  @Test
  void upsert_insertsThenFindsById() {
    stores.cas().upsert(ca("0a1b", "default", 1, CaStatus.ACTIVE));

    CaRow row = stores.cas().byId("0a1b").orElseThrow();
    assertThat(row.label()).isEqualTo("default");
    assertThat(row.generation()).isEqualTo(1);
    assertThat(row.certDer()).containsExactly(9, 8, 7);
    assertThat(row.status()).isEqualTo(CaStatus.ACTIVE);
    assertThat(row.notBefore()).isEqualTo(T0);
    assertThat(row.createdAt()).isEqualTo(T0);
    assertThat(stores.cas().byId("ffff")).isEmpty();
  }

  @Test
  void upsert_existingId_updatesStatusAndKeepsCreatedAt() {
    stores.cas().upsert(ca("0a1b", "default", 1, CaStatus.ACTIVE));
    clock.advance(Duration.ofDays(1));

    stores.cas().upsert(ca("0a1b", "default", 1, CaStatus.RETIRED));

    CaRow row = stores.cas().byId("0a1b").orElseThrow();
    assertThat(row.status()).isEqualTo(CaStatus.RETIRED);
    assertThat(row.createdAt()).isEqualTo(T0);
    assertThat(stores.cas().all()).hasSize(1);
  }

  @Test
  void all_ordersByLabelThenGeneration() {
    stores.cas().upsert(ca("03", "default", 2, CaStatus.ACTIVE));
    stores.cas().upsert(ca("01", "root", 1, CaStatus.ACTIVE));
    stores.cas().upsert(ca("02", "default", 1, CaStatus.RETIRED));

    assertThat(stores.cas().all()).extracting(CaRow::id).containsExactly("02", "03", "01");
  }

  @Test
  void upsert_sameLabelAndGenerationUnderAnotherId_isAConflict() {
    stores.cas().upsert(ca("01", "default", 1, CaStatus.ACTIVE));

    assertThatThrownBy(() -> stores.cas().upsert(ca("02", "default", 1, CaStatus.ACTIVE)))
        .isInstanceOf(StoreConflictException.class)
        .hasMessageContaining("default");
  }

  @Test
  void caId_mustBeLowercaseHex() {
    assertThatThrownBy(() -> ca("0A1B", "default", 1, CaStatus.ACTIVE))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
