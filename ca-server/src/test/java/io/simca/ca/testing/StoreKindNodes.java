package io.simca.ca.testing;

import io.simca.ca.store.TestStores;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A per-test-class cache of fixtures, one per store kind, started on first use and closed together
 * (a test class runs its H2 and PostgreSQL cases on two nodes, not one node per case).
 */
public class StoreKindNodes<T extends AutoCloseable> implements AutoCloseable {

  private final Map<TestStores.Kind, T> nodes = new EnumMap<>(TestStores.Kind.class);
  private final Function<TestStores.Kind, T> factory;

  public StoreKindNodes(Function<TestStores.Kind, T> factory) {
    this.factory = factory;
  }

  public synchronized T get(TestStores.Kind kind) {
    return nodes.computeIfAbsent(kind, factory);
  }

  @Override
  public synchronized void close() {
    for (T node : nodes.values()) {
      try {
        node.close();
      } catch (Exception e) {
        throw new IllegalStateException("fixture did not close", e);
      }
    }
    nodes.clear();
  }
}
