package io.simca.cli;

import io.simca.ca.store.TestStores;

/**
 * {@link OperatorCliTests} on PostgreSQL: skipped without {@code SIMCA_TEST_POSTGRES_URL}, failed
 * under SIMCA_REQUIRE_POSTGRES=1.
 */
class OperatorCliPostgresTest extends OperatorCliTests {
  @Override
  TestStores.Kind kind() {
    return TestStores.Kind.POSTGRES;
  }
}
