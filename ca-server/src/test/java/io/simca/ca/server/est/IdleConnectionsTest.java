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
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Idle and slow clients must not take the server from real devices: with 500 sockets open on the
 * EST listener (400 that never start TLS, 100 that finished the handshake and sent half a request
 * header), a real attested enrolment is answered, and OCSP/health stays up.
 */
class IdleConnectionsTest {

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
}
