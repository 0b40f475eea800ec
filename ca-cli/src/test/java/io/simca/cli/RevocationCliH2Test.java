package io.simca.cli;

import io.simca.ca.store.TestStores;

/** {@link RevocationCliTests} on H2. */
class RevocationCliH2Test extends RevocationCliTests {
  @Override
  TestStores.Kind kind() {
    return TestStores.Kind.H2;
  }
}
