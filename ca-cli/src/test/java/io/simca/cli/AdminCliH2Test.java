package io.simca.cli;

import io.simca.ca.store.TestStores;

/** {@link AdminCliTests} on the embedded H2 store. */
class AdminCliH2Test extends AdminCliTests {
  @Override
  TestStores.Kind kind() {
    return TestStores.Kind.H2;
  }
}
