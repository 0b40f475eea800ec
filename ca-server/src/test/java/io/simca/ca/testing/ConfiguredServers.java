package io.simca.ca.testing;

import io.simca.ca.store.TestStores;
import java.nio.file.Path;
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
    return TestServers.start(tmp, kind, yaml, env);
  }
}
