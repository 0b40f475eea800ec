package io.simca.ca.server.ocsp;

import io.simca.ca.store.TestStores;
import io.simca.ca.testing.TestServer;
import io.simca.ca.testing.TestServers;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * One node per store kind, started on first use and shared by a test class (nodes start in seconds,
 * tests in milliseconds).
 */
final class NodePool implements AutoCloseable {

  private final Path tmp;
  private final Map<String, String> overrides;
  private final Map<TestStores.Kind, TestServer> nodes = new EnumMap<>(TestStores.Kind.class);

  NodePool(Path tmp, Map<String, String> overrides) {
    this.tmp = tmp;
    this.overrides = overrides;
  }

  synchronized TestServer node(TestStores.Kind kind) {
    return nodes.computeIfAbsent(kind, k -> TestServers.start(tmp, k, overrides));
  }

  @Override
  public synchronized void close() {
    nodes.values().forEach(TestServer::close);
    nodes.clear();
  }
}
