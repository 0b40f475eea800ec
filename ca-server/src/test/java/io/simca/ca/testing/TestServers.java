package io.simca.ca.testing;

import io.simca.ca.config.ConfigLoader;
import io.simca.ca.config.SimcaConfig;
import io.simca.ca.hierarchy.DataDir;
import io.simca.ca.hierarchy.HierarchyInitializer;
import io.simca.ca.hierarchy.InitOptions;
import io.simca.ca.server.SimcaServer;
import io.simca.ca.store.StoreTarget;
import io.simca.ca.store.TestStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Starts real nodes for integration tests. Ports are chosen free (never the defaults) and the HTTP
 * port is fixed before start so AIA/CDP URLs in issued certificates point at it.
 */
public final class TestServers {

  private TestServers() {}

  /**
   * The store kinds to run a suite on: H2 always, PostgreSQL when SIMCA_TEST_POSTGRES_URL is set.
   */
  public static Stream<TestStores.Kind> kinds() {
    return TestStores.postgresUrl().isPresent()
        ? Stream.of(TestStores.Kind.H2, TestStores.Kind.POSTGRES)
        : Stream.of(TestStores.Kind.H2);
  }

  /** A node on a new data dir under {@code tmp} with a fresh dev hierarchy and default config. */
  public static TestServer start(Path tmp, TestStores.Kind kind) {
    return start(tmp, kind, Map.of());
  }

  /**
   * A node with config overrides given as {@code SIMCA_*} environment-style entries, e.g. {@code
   * Map.of("SIMCA_OCSP_NONCE", "sign")}.
   */
  public static TestServer start(Path tmp, TestStores.Kind kind, Map<String, String> overrides) {
    try {
      Path root = Files.createTempDirectory(tmp, "node-");
      DataDir dir = new DataDir(root.resolve("data"));
      new HierarchyInitializer().init(dir, InitOptions.defaults());
      StoreTarget store = TestStores.target(kind, root);
      return startOn(dir, store, overrides);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A node on an existing data dir and store (a second node of a cluster, or a restart). */
  public static TestServer startOn(DataDir dir, StoreTarget store, Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>();
    List<Integer> ports = freePorts(3);
    env.put("SIMCA_SERVER_EST_PORT", ports.get(0).toString());
    env.put("SIMCA_SERVER_HTTP_PORT", ports.get(1).toString());
    env.put("SIMCA_SERVER_ADMIN_PORT", ports.get(2).toString());
    env.put("SIMCA_SERVER_COAP_PORT", "0"); // ephemeral UDP port, never 5684
    env.put("SIMCA_SERVER_INSTANCES", "2");
    env.put("SIMCA_SERVER_SHUTDOWN_GRACE", "1s");
    env.putAll(overrides);
    SimcaConfig config = new ConfigLoader().load(null, false, env);
    try {
      return new TestServer(SimcaServer.start(config, dir, store.settings()), dir, store, config);
    } catch (Exception e) {
      store.close();
      throw new IllegalStateException("test server did not start: " + e, e);
    }
  }

  static List<Integer> freePorts(int n) {
    List<ServerSocket> sockets = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        s.setReuseAddress(true);
        sockets.add(s);
      }
      return sockets.stream().map(ServerSocket::getLocalPort).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (ServerSocket s : sockets) {
        try {
          s.close();
        } catch (IOException ignored) {
          // best effort
        }
      }
    }
  }
}
