package io.simca.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code simca attester serve} as a process of its own (as it runs in the field), on free ports:
 * started from the test classpath like {@link CliProcess}, ready once {@code /health} answers.
 */
final class AttesterProcess implements AutoCloseable {

  private final Process process;
  private final Path log;
  private final int radiusPort;
  private final int httpPort;

  private AttesterProcess(Process process, Path log, int radiusPort, int httpPort) {
    this.process = process;
    this.log = log;
    this.radiusPort = radiusPort;
    this.httpPort = httpPort;
  }

  static AttesterProcess start(Path workDir, List<String> options) throws Exception {
    return start(workDir, options, null);
  }

  /** With {@code httpsTrust} set the token endpoint serves HTTPS (options carry --tls-cert/key). */
  static AttesterProcess start(Path workDir, List<String> options, Path httpsTrust)
      throws Exception {
    int radius = freeUdpPort();
    int http = freeTcpPort();
    List<String> cmd = new ArrayList<>(CliProcess.command(List.of("attester", "serve")));
    cmd.addAll(List.of("--radius", "127.0.0.1:" + radius, "--listen", "127.0.0.1:" + http));
    cmd.addAll(options);
    Path log = Files.createTempFile(workDir, "attester-", ".log");
    Process p =
        new ProcessBuilder(cmd)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    AttesterProcess a = new AttesterProcess(p, log, radius, http);
    a.awaitHealthy(workDir, httpsTrust);
    return a;
  }

  int radiusPort() {
    return radiusPort;
  }

  int httpPort() {
    return httpPort;
  }

  /** kill -9: what the session journal must survive. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private void awaitHealthy(Path workDir, Path httpsTrust) throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .sslContext(
                httpsTrust == null
                    ? javax.net.ssl.SSLContext.getDefault()
                    : io.simca.est.tls.ClientTls.trusting(httpsTrust))
            .build();
    URI health =
        URI.create(
            (httpsTrust == null ? "http" : "https") + "://127.0.0.1:" + httpPort + "/health");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("attester exited " + process.exitValue() + ": " + output());
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(health).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    close();
    throw new AssertionError("attester not healthy within 60 s: " + output());
  }

  private String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int freeUdpPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static int freeTcpPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
