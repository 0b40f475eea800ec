package io.simca.cli;

import io.simca.ca.store.TestStores;

/**
 * {@link RevocationCliTests} on PostgreSQL: skipped without {@code SIMCA_TEST_POSTGRES_URL}, failed
 * under {@code SIMCA_REQUIRE_POSTGRES=1}.
 */
class RevocationCliPostgresTest extends RevocationCliTests {
  @Override
  TestStores.Kind kind() {
    return TestStores.Kind.POSTGRES;
  }
}
