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
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
   * The store kinds every server suite runs on: both, always. Without SIMCA_TEST_POSTGRES_URL the
   * PostgreSQL cases report themselves skipped (or fail under SIMCA_REQUIRE_POSTGRES=1) instead of
   * vanishing from the report.
   */
  public static Stream<TestStores.Kind> kinds() {
    return Stream.of(TestStores.Kind.values());
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
    return start(tmp, kind, null, overrides);
  }

  /**
   * A node on a new data dir under {@code tmp} with a fresh dev hierarchy, {@code yaml} (null:
   * none) as its config file and {@code overrides} on top.
   */
  static TestServer start(
      Path tmp, TestStores.Kind kind, String yaml, Map<String, String> overrides) {
    try {
      Path root = Files.createTempDirectory(tmp, "node-");
      // The store first: a PostgreSQL case without a database skips before minting a hierarchy.
      StoreTarget store = TestStores.target(kind, root);
      DataDir dir = new DataDir(root.resolve("data"));
      initHierarchy(dir, store);
      Path file = null;
      if (yaml != null) {
        file = root.resolve("simca.yaml");
        Files.writeString(file, yaml);
      }
      return startOn(dir, store, file, overrides);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh development hierarchy in {@code dir}; on failure the store is thrown away. */
  static void initHierarchy(DataDir dir, StoreTarget store) {
    try {
      new HierarchyInitializer().init(dir, InitOptions.defaults());
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** A node on an existing data dir and store (a second node of a cluster, or a restart). */
  public static TestServer startOn(DataDir dir, StoreTarget store, Map<String, String> overrides) {
    return startOn(dir, store, null, overrides);
  }

  private static TestServer startOn(
      DataDir dir, StoreTarget store, Path configFile, Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>();
    List<Integer> ports = freePorts(3);
    env.put("SIMCA_SERVER_EST_PORT", ports.get(0).toString());
    env.put("SIMCA_SERVER_HTTP_PORT", ports.get(1).toString());
    env.put("SIMCA_SERVER_ADMIN_PORT", ports.get(2).toString());
    env.put("SIMCA_SERVER_COAP_PORT", "0"); // ephemeral UDP port, never 5684
    env.put("SIMCA_SERVER_INSTANCES", "2");
    env.put("SIMCA_SERVER_SHUTDOWN_GRACE", "1s");
    env.putAll(overrides);
    SimcaConfig config = new ConfigLoader().load(configFile, configFile != null, env);
    try {
      return new TestServer(SimcaServer.start(config, dir, store.settings()), dir, store, config);
    } catch (Exception e) {
      store.close();
      throw new IllegalStateException("test server did not start: " + e, e);
    }
  }

  static List<Integer> freePorts(int n) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
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
