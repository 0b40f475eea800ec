package io.simca.ca.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.store.TestStores;
import io.simca.ca.testing.TestServer;
import io.simca.ca.testing.TestServers;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server.maxConnections} caps what one listener holds, across its verticle instances: the
 * connection past the cap is closed on arrival, and once idle ones go, new ones are served again.
 */
class ConnectionCapTest {

  private static final int CAP = 20;

  @TempDir Path tmp;

  @Test
  void pastTheCap_aNewConnectionIsClosed_andRoomComesBackWhenOthersLeave() throws Exception {
    try (TestServer node =
        TestServers.start(
            tmp,
            TestStores.Kind.H2,
            Map.of("SIMCA_SERVER_MAXCONNECTIONS", Integer.toString(CAP)))) {
      int port = node.server().httpPort();
      List<Socket> idle = new ArrayList<>();
      try {
        for (int i = 0; i < CAP; i++) {
          idle.add(new Socket("127.0.0.1", port));
        }
        Thread.sleep(300); // the server has counted them
        try (Socket extra = new Socket("127.0.0.1", port)) {
          extra.setSoTimeout(3_000);
          assertThat(closedByServer(extra)).as("connection past the cap").isTrue();
        }
        for (int i = 0; i < 5; i++) {
          idle.remove(0).close();
        }
        Thread.sleep(300);
        HttpResponse<String> health =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create(node.httpBase() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
      } finally {
        for (Socket s : idle) {
          s.close();
        }
      }
    }
  }

  private static boolean closedByServer(Socket s) throws IOException {
    try {
      return s.getInputStream().read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }
}
