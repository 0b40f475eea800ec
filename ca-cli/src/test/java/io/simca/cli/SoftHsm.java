package io.simca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.est.testing.Processes;
import io.simca.est.testing.Requirements;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A SoftHSM2 token of one test's own (Debian's softhsm2: its token directory and configuration in
 * the test's temp dir, found through {@code SOFTHSM2_CONF}), and the {@code SIMCA_CA_KEYS_*}
 * settings that point simca at it.
 */
record SoftHsm(Path conf, Path pinFile, String pin, String library) {

  static final String TOKEN_LABEL = "simca";
  private static final List<String> LIBRARIES =
      List.of(
          "/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so");

  /** A new initialised token (user PIN in a 0600 file) under {@code dir}. */
  static SoftHsm create(Path dir) {
    Requirements.tool("softhsm2-util", "softhsm2");
    String library =
        LIBRARIES.stream().filter(l -> Files.isRegularFile(Path.of(l))).findFirst().orElse(null);
    Requirements.met(
        library != null, Requirements.REQUIRE_TOOLS_ENV, "libsofthsm2.so (package softhsm2)");
    try {
      Path tokens = Files.createDirectories(dir.resolve("tokens"));
      Path conf = dir.resolve("softhsm2.conf");
      Files.writeString(
          conf,
          "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
      String pin = Long.toString(100_000 + ThreadLocalRandom.current().nextLong(900_000));
      SoftHsm hsm = new SoftHsm(conf, dir.resolve("pin"), pin, library);
      Processes.Result r =
          hsm.tool(
              "softhsm2-util",
              "--init-token",
              "--free",
              "--label",
              TOKEN_LABEL,
              "--pin",
              pin,
              "--so-pin",
              pin + "0");
      assertThat(r.exitCode()).as("softhsm2-util --init-token: %s", r.stderr()).isZero();
      Files.writeString(hsm.pinFile, pin + "\n");
      Files.setPosixFilePermissions(hsm.pinFile, PosixFilePermissions.fromString("rw-------"));
      return hsm;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What a node or CLI run needs to use this token for its online keys. */
  Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("SOFTHSM2_CONF", conf.toString());
    env.put("SIMCA_CA_KEYS_PROVIDER", "pkcs11");
    env.put("SIMCA_CA_KEYS_PKCS11_LIBRARY", library);
    env.put("SIMCA_CA_KEYS_PKCS11_PIN_FILE", pinFile.toString());
    return env;
  }

  /** The token's private keys as GnuTLS's p11tool lists them (flags included). */
  String privateKeys() {
    Requirements.tool("p11tool", "gnutls-bin");
    Map<String, String> env = new HashMap<>(Map.of("SOFTHSM2_CONF", conf.toString()));
    env.put("GNUTLS_PIN", pin);
    Processes.Result r =
        Processes.run(
            null,
            env,
            List.of("p11tool", "--provider", library, "--list-privkeys", "--login", "--batch"),
            null,
            Duration.ofSeconds(60));
    assertThat(r.exitCode()).as("p11tool: %s", r.stderr()).isZero();
    return r.stdout();
  }

  /** Removes the token, as a failed or unplugged HSM would look to a running node. */
  void deleteToken() {
    Processes.Result r = tool("softhsm2-util", "--delete-token", "--token", TOKEN_LABEL);
    assertThat(r.exitCode()).as("softhsm2-util --delete-token: %s", r.stderr()).isZero();
  }

  private Processes.Result tool(String... command) {
    return Processes.run(
        null,
        Map.of("SOFTHSM2_CONF", conf.toString()),
        List.of(command),
        null,
        Duration.ofSeconds(60));
  }
}
