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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Like {@link TestServers}, but the node also reads a YAML config file: for settings the
 * environment cannot express (the free-form maps {@code policy.tacAllowlist}, {@code
 * policy.attesters}).
 */
public final class ConfiguredServers {

  private ConfiguredServers() {}

  /**
   * A node on a new data dir with {@code yaml} as its config file and {@code env} overrides on top.
   */
  public static TestServer start(
      Path tmp, TestStores.Kind kind, String yaml, Map<String, String> env) {
    try {
      Path root = Files.createTempDirectory(tmp, "node-");
      DataDir dir = new DataDir(root.resolve("data"));
      new HierarchyInitializer().init(dir, InitOptions.defaults());
      Path file = root.resolve("simca.yaml");
      Files.writeString(file, yaml);
      StoreTarget store = TestStores.target(kind, root);
      Map<String, String> all = new HashMap<>();
      List<Integer> ports = TestServers.freePorts(3);
      all.put("SIMCA_SERVER_EST_PORT", ports.get(0).toString());
      all.put("SIMCA_SERVER_HTTP_PORT", ports.get(1).toString());
      all.put("SIMCA_SERVER_ADMIN_PORT", ports.get(2).toString());
      all.put("SIMCA_SERVER_COAP_PORT", "0"); // ephemeral UDP port, never 5684
      all.put("SIMCA_SERVER_INSTANCES", "2");
      all.put("SIMCA_SERVER_SHUTDOWN_GRACE", "1s");
      all.putAll(env);
      SimcaConfig config = new ConfigLoader().load(file, true, all);
      try {
        return new TestServer(SimcaServer.start(config, dir, store.settings()), dir, store, config);
      } catch (Exception e) {
        store.close();
        throw new IllegalStateException("test server did not start: " + e, e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
