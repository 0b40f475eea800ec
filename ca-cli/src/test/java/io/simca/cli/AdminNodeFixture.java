package io.simca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.admin.SimCsv;
import io.simca.ca.store.TestStores;
import io.simca.ca.testing.TestServer;
import io.simca.ca.testing.TestServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One real node per test class (H2 or PostgreSQL, see the subclasses) and helpers to run the CLI
 * against it. Tests share the node, so each works on its own ICCID prefix.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AdminNodeFixture {

  private static final AtomicInteger PREFIXES = new AtomicInteger(10);

  TestServer node;
  Path tmp;

  abstract TestStores.Kind kind();

  @BeforeAll
  void startNode() throws IOException {
    tmp = Files.createTempDirectory("simca-cli-test-");
    node = TestServers.start(tmp, kind());
  }

  @AfterAll
  void stopNode() throws IOException {
    if (node != null) {
      node.close();
    }
    // Tests leave nothing behind: the node's data dir and the CSVs live under tmp.
    if (tmp != null) {
      try (Stream<Path> files = Files.walk(tmp)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** A two-digit ICCID prefix no other test of this JVM uses. */
  static String freshPrefix() {
    return Integer.toString(PREFIXES.getAndIncrement());
  }

  String serverUrl() {
    return node.adminBase().replace("/admin/v1", "");
  }

  /** Runs {@code simca <args> --data <node data> --server <node admin URL>}. */
  CliRun cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--data", node.dataDir().root().toString(), "--server", serverUrl()));
    return CliRun.of(all.toArray(String[]::new));
  }

  Path csv(String name, String... lines) {
    try {
      Path f = Files.createTempFile(tmp, name, ".csv");
      Files.writeString(f, String.join("\n", lines) + "\n");
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Imports SIM 1 of {@code prefix} (tenant acme) through {@code sim import} and issues it one
   * certificate; its serial.
   */
  BigInteger simWithCertificate(String prefix) throws Exception {
    CliRun imported =
        cli(
            "sim",
            "import",
            csv("sim-" + prefix, SimCsv.HEADER, TestIds.row(prefix, 1, "acme")).toString());
    assertThat(imported.exit()).as(imported.toString()).isZero();
    return TestCerts.issue(node, TestIds.iccid(prefix, 1), "acme");
  }
}
