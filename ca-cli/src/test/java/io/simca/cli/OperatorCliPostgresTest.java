package io.simca.cli;

import io.simca.ca.store.TestStores;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** {@link OperatorCliTests} on PostgreSQL, when {@code SIMCA_TEST_POSTGRES_URL} is set. */
@EnabledIfEnvironmentVariable(named = TestStores.POSTGRES_URL_ENV, matches = ".+")
class OperatorCliPostgresTest extends OperatorCliTests {
  @Override
  TestStores.Kind kind() {
    return TestStores.Kind.POSTGRES;
  }
}
