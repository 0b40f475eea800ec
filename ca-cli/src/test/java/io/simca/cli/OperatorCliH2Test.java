package io.simca.cli;

import io.simca.ca.store.TestStores;

/** {@link OperatorCliTests} on the embedded H2 store. */
class OperatorCliH2Test extends OperatorCliTests {
  @Override
  TestStores.Kind kind() {
    return TestStores.Kind.H2;
  }
}
