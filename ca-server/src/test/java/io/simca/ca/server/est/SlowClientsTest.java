package io.simca.ca.server.est;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.store.TestStores;
import io.simca.ca.testing.DeviceSimulator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Idle and slow clients must not take the server from real devices: with 500 sockets open on the
 * EST listener (400 that never start TLS, 100 that finished the handshake and sent half a request
 * header), a real attested enrolment is answered, and OCSP/health stays up. A client that trickles
 * its request head (slowloris) is dropped at {@code server.requestHeadTimeout} on every listener,
 * and a head with too many fields gets 431.
 */
class SlowClientsTest {

  private static final int BARE_TCP = 400;
  private static final int HALF_REQUESTS = 100;

  @TempDir Path tmp;

  private final List<Socket> sockets = new ArrayList<>();

  @AfterEach
  void closeSockets() {
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing what the test opened; nothing to report
      }
    }
  }

  @Test
  void fiveHundredIdleConnections_doNotStopARealEnrolment() throws Exception {
    try (EstFixture f = EstFixture.start(tmp, TestStores.Kind.H2)) {
      URI est = URI.create(f.node.estBase());
      InetSocketAddress address = new InetSocketAddress(est.getHost(), est.getPort());
      for (int i = 0; i < BARE_TCP; i++) {
        Socket s = new Socket();
        s.connect(address, 5_000);
        sockets.add(s);
      }
      var tls = f.node.trustingRoot().getSocketFactory();
      for (int i = 0; i < HALF_REQUESTS; i++) {
        SSLSocket s = (SSLSocket) tls.createSocket(address.getHostString(), address.getPort());
        s.startHandshake();
        OutputStream out = s.getOutputStream();
        // A slowloris start: a request line and one header, never the blank line that ends them.
        out.write(
            "POST /.well-known/est/simpleenroll HTTP/1.1\r\nHost: x\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        sockets.add(s);
      }

      DeviceSimulator device = f.device(f.sim("acme"));
      long start = System.nanoTime();
      DeviceSimulator.Result result = device.enroll();
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(result.status())
          .as("enrolment beside %d idle sockets", sockets.size())
          .isEqualTo(200);
      assertThat(result.certificate()).isPresent();
      // Generous: the box is shared; an event loop stuck on the idle sockets would never answer.
      assertThat(took).isLessThan(Duration.ofSeconds(20));
      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(f.node.httpBase() + "/health"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void slowloris_isDroppedAtTheRequestHeadDeadline_onTlsAndPlainListeners() throws Exception {
    try (EstFixture f =
        EstFixture.start(
            tmp, TestStores.Kind.H2, null, Map.of("SIMCA_SERVER_REQUEST_HEAD_TIMEOUT", "2s"))) {
      URI est = URI.create(f.node.estBase());
      URI http = URI.create(f.node.httpBase());
      SSLSocket tls =
          (SSLSocket)
              f.node.trustingRoot().getSocketFactory().createSocket(est.getHost(), est.getPort());
      tls.startHandshake();
      sockets.add(tls);
      // One header byte every 300 ms resets any idle timer; only the head deadline ends it.
      Duration tlsLasted = trickleUntilClosed(tls, Duration.ofSeconds(30));
      Socket plain = new Socket(http.getHost(), http.getPort());
      sockets.add(plain);
      Duration plainLasted = trickleUntilClosed(plain, Duration.ofSeconds(30));
      assertThat(tlsLasted).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(15));
      assertThat(plainLasted).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(15));
    }
  }

  @Test
  void keepAlive_survivesBetweenPromptRequests_andTooManyHeaderFieldsGet431() throws Exception {
    try (EstFixture f =
        EstFixture.start(
            tmp, TestStores.Kind.H2, null, Map.of("SIMCA_SERVER_REQUEST_HEAD_TIMEOUT", "2s"))) {
      URI http = URI.create(f.node.httpBase());
      try (Socket s = new Socket(http.getHost(), http.getPort())) {
        s.setSoTimeout(10_000);
        var in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream()));
        for (int i = 0; i < 3; i++) {
          s.getOutputStream()
              .write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          assertThat(in.readLine())
              .as("request %d on one connection", i)
              .startsWith("HTTP/1.1 200");
          drainHead(in);
          Thread.sleep(1_000); // within the deadline: the connection is re-armed, not dropped
        }
        StringBuilder head = new StringBuilder("GET /health HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 80; i++) {
          head.append("X-Filler-").append(i).append(": y\r\n");
        }
        s.getOutputStream().write((head + "\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(in.readLine()).startsWith("HTTP/1.1 431");
      }
    }
  }

  private static void drainHead(java.io.BufferedReader in) throws IOException {
    long length = 0;
    for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Long.parseLong(line.substring(15).strip());
      }
    }
    in.skip(length);
  }

  /** Sends a request head one byte at a time until the server closes; returns how long it took. */
  private static Duration trickleUntilClosed(Socket s, Duration max) throws Exception {
    byte[] head = "GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
    s.setSoTimeout(300);
    long start = System.nanoTime();
    OutputStream out = s.getOutputStream();
    for (int i = 0; Duration.ofNanos(System.nanoTime() - start).compareTo(max) < 0; i++) {
      try {
        out.write(i < head.length ? head[i] : 'a');
        out.flush();
        if (s.getInputStream().read() < 0) {
          return Duration.ofNanos(System.nanoTime() - start);
        }
      } catch (java.net.SocketTimeoutException stillOpen) {
        // nothing from the server yet: keep trickling
      } catch (IOException closed) {
        return Duration.ofNanos(System.nanoTime() - start);
      }
    }
    throw new AssertionError("connection still open after " + max);
  }
}
