package io.simca.ca.server.est;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.testing.TestServer;
import io.simca.est.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Cisco libest's {@code estclient}, run unmodified from {@code ../shared/interop/libest/} beside
 * the repository (its README says how it was built). A missing client fails the test that needs it,
 * never skips it: CI must see these tests run.
 */
final class Libest {

  /** Where the client sits, relative to the repository root. */
  static final String CLIENT = "../shared/interop/libest/estclient";

  private final Path executable;
  private final TestServer node;

  private Libest(Path executable, TestServer node) {
    this.executable = executable;
    this.node = node;
  }

  /** The client against {@code node}'s EST port, trusting its root; fails if there is none. */
  static Libest against(TestServer node) {
    return new Libest(executable(), node);
  }

  /** The estclient wrapper; fails the calling test when it is not there. */
  static Path executable() {
    Path client = repositoryRoot().resolve(CLIENT).normalize();
    assertThat(Files.isExecutable(client))
        .as(
            "libest estclient not found at %s (%s from the repository root): interop tests need"
                + " it, see its README",
            client, CLIENT)
        .isTrue();
    return client;
  }

  /**
   * Runs {@code estclient -s 127.0.0.1 -p <port> <args>} in {@code dir}. Its exit code says nothing
   * (it is 0 when an operation failed too): callers judge by the files it writes and its output.
   */
  Processes.Result run(Path dir, String... args) {
    List<String> command = new ArrayList<>();
    command.add("env");
    // The client's CA trust comes from this variable (singular, per its README).
    command.add("EST_OPENSSL_CACERT=" + node.rootPem().toAbsolutePath());
    command.add(executable.toString());
    command.addAll(List.of("-s", "127.0.0.1", "-p", Integer.toString(node.server().estPort())));
    command.addAll(List.of(args));
    Processes.Result result = Processes.run(dir, command, null);
    assertThat(result.exitCode())
        .as("estclient could not run (liburiparser1 missing?): %s", result.output())
        .isNotEqualTo(127);
    return result;
  }

  /** The directory holding {@code mvnw}, found upwards from the working directory. */
  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("mvnw"))) {
        return p;
      }
    }
    throw new AssertionError("no mvnw above " + dir + ": cannot find the repository root");
  }
}
