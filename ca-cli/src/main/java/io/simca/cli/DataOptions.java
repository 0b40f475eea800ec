package io.simca.cli;

import io.simca.ca.config.ConfigLoader;
import io.simca.ca.config.SimcaConfig;
import io.simca.ca.hierarchy.DataDir;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --data} and {@code --config}, shared by every command (DESIGN.md: default ./data,
 * config/simca.yaml).
 */
final class DataOptions {

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data directory (default: dataDir from config, ./data)")
  Path data;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Config file (default: config/simca.yaml if present)")
  Path config;

  SimcaConfig loadConfig() {
    boolean explicit = config != null;
    Path file = explicit ? config : defaultConfig();
    return new ConfigLoader().load(file, explicit, System.getenv());
  }

  /**
   * {@code config/simca.yaml} under the install (the launcher sets simca.home), else under the
   * working dir.
   */
  static Path defaultConfig() {
    return home().resolve("config").resolve("simca.yaml");
  }

  static Path home() {
    String home = System.getProperty("simca.home");
    return home == null ? Path.of("") : Path.of(home);
  }

  DataDir dataDir(SimcaConfig cfg) {
    return new DataDir((data != null ? data : Path.of(cfg.dataDir())).toAbsolutePath().normalize());
  }
}
