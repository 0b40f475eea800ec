package io.simca.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code simca serve} as a process of its own, the way an operator runs a node: started from the
 * test classpath like {@link CliProcess}, with {@code env} (ports, store, key settings) on top of
 * this JVM's environment; ready once {@code /health} answers 200.
 */
final class NodeProcess implements AutoCloseable {

  /** A node's listener ports; CoAP off. */
  record Ports(int est, int http, int admin) {
    static Ports free() {
      try {
        return new Ports(
            AttesterProcess.freeTcpPort(),
            AttesterProcess.freeTcpPort(),
            AttesterProcess.freeTcpPort());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    Map<String, String> env() {
      return Map.of(
          "SIMCA_SERVER_EST_PORT", Integer.toString(est),
          "SIMCA_SERVER_HTTP_PORT", Integer.toString(http),
          "SIMCA_SERVER_ADMIN_PORT", Integer.toString(admin),
          "SIMCA_SERVER_COAP_ENABLED", "false",
          "SIMCA_SERVER_SHUTDOWN_GRACE", "1s");
    }

    String estBase() {
      return "https://127.0.0.1:" + est + "/.well-known/est";
    }

    String httpBase() {
      return "http://127.0.0.1:" + http;
    }

    String adminUrl() {
      return "https://127.0.0.1:" + admin;
    }
  }

  private final Process process;
  private final Path log;
  private final Ports ports;

  private NodeProcess(Process process, Path log, Ports ports) {
    this.process = process;
    this.log = log;
    this.ports = ports;
  }

  static NodeProcess start(Path workDir, Path dataDir, Ports ports, Map<String, String> env)
      throws Exception {
    List<String> cmd =
        new ArrayList<>(CliProcess.command(List.of("serve", "--data", dataDir.toString())));
    Path log = Files.createTempFile(workDir, "node-", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> all = new HashMap<>(env);
    all.putAll(ports.env());
    pb.environment().putAll(all);
    NodeProcess node = new NodeProcess(pb.start(), log, ports);
    node.awaitHealthy();
    return node;
  }

  Ports ports() {
    return ports;
  }

  /** GET {@code /health}: status code and body. */
  HttpResponse<String> health() throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
      return http.send(
          HttpRequest.newBuilder(URI.create(ports.httpBase() + "/health"))
              .timeout(Duration.ofSeconds(10))
              .GET()
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  private void awaitHealthy() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("node exited " + process.exitValue() + ": " + output());
      }
      try {
        if (health().statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    close();
    throw new AssertionError("node not healthy within 90 s: " + output());
  }

  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
