package io.simca.cli;

import io.simca.ca.store.TestStores;

/**
 * {@link AdminCliTests} on PostgreSQL: skipped without {@code SIMCA_TEST_POSTGRES_URL}, failed
 * under {@code SIMCA_REQUIRE_POSTGRES=1}.
 */
class AdminCliPostgresTest extends AdminCliTests {
  @Override
  TestStores.Kind kind() {
    return TestStores.Kind.POSTGRES;
  }
}
