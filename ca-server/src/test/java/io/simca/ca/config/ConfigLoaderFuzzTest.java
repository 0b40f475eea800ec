package io.simca.ca.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Configuration is outside input too (an operator's YAML file, {@code SIMCA_<PATH>} environment
 * overrides): any file and any overrides end in a validated config or one {@link ConfigException}
 * whose message is one line, never in another exception or a stack trace at start-up.
 */
class ConfigLoaderFuzzTest {

  static final ConfigLoader LOADER = new ConfigLoader();
  static final Path FILE = tempFile();

  @FuzzTest
  void load_anyYamlFile_endsInAConfigOrOneLineError(byte[] yaml) throws IOException {
    Files.write(FILE, yaml);
    loadOrRefuse(FILE, Map.of());
  }

  /** Input: {@code NAME=value} lines, each an environment override (SIMCA_ added when missing). */
  @FuzzTest
  void load_anyEnvironmentOverrides_endInAConfigOrOneLineError(byte[] input) {
    Map<String, String> env = new HashMap<>();
    for (String line : new String(input, StandardCharsets.UTF_8).split("\n", -1)) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        String name = line.substring(0, eq);
        env.put(name.startsWith("SIMCA_") ? name : "SIMCA_" + name, line.substring(eq + 1));
      }
    }
    loadOrRefuse(null, env);
  }

  private static void loadOrRefuse(Path file, Map<String, String> env) {
    try {
      assertThat(LOADER.load(file, file != null, env)).isNotNull();
    } catch (ConfigException refused) {
      assertThat(refused.getMessage()).isNotBlank().doesNotContain("\n");
    }
  }

  private static Path tempFile() {
    try {
      Path file = Files.createTempFile("simca-fuzz-config", ".yaml");
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
