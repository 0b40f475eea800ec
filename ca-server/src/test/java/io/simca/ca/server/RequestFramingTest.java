package io.simca.ca.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.store.TestStores;
import io.simca.ca.testing.TestServer;
import io.simca.ca.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 9112 framing on the real listeners, over raw sockets: ambiguous requests get 400 and the
 * connection is closed, so a smuggled second request is never answered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestFramingTest {

  @TempDir static Path tmp;
  private TestServer node;

  @BeforeAll
  void start() {
    node = TestServers.start(tmp, TestStores.Kind.H2);
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  static Map<String, String> cases() {
    String smuggled = "GET /health HTTP/1.1\r\nHost: a\r\n\r\n";
    return Map.of(
        "no Host",
        "GET /health HTTP/1.1\r\n\r\n" + smuggled,
        "two Hosts",
        "GET /health HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n" + smuggled,
        "Content-Length and Transfer-Encoding",
        "POST /ocsp HTTP/1.1\r\nHost: a\r\nContent-Type: application/ocsp-request\r\n"
            + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
            + smuggled,
        "unknown transfer coding",
        "POST /ocsp HTTP/1.1\r\nHost: a\r\nContent-Type: application/ocsp-request\r\n"
            + "Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n"
            + smuggled);
  }

  static Iterable<String> names() {
    return cases().keySet();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void ambiguousRequest_gets400_andTheConnectionCloses(String name) throws Exception {
    String answer = exchange(new Socket("127.0.0.1", node.server().httpPort()), cases().get(name));
    assertThat(answer).startsWith("HTTP/1.1 400").endsWith("<closed>");
    assertThat(answer).doesNotContain("HTTP/1.1 200");
  }

  @Test
  void onTheTlsListener_too() throws Exception {
    SSLSocket tls =
        (SSLSocket)
            node.trustingRoot()
                .getSocketFactory()
                .createSocket("127.0.0.1", node.server().estPort());
    String answer =
        exchange(
            tls,
            "GET /.well-known/est/cacerts HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"
                + "GET /.well-known/est/cacerts HTTP/1.1\r\nHost: a\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 400").endsWith("<closed>");
    assertThat(answer).doesNotContain("200 OK");
  }

  @Test
  void wellFramedKeepAliveRequests_stillWork() throws Exception {
    String answer =
        exchange(
            new Socket("127.0.0.1", node.server().httpPort()),
            "GET /health HTTP/1.1\r\nHost: a\r\n\r\nGET /health HTTP/1.1\r\nHost: a\r\n"
                + "Connection: close\r\n\r\n");
    assertThat(answer.split("HTTP/1.1 200", -1)).hasSize(3);
  }

  /** Sends {@code request}, reads until the server closes (or 5 s of silence). */
  private static String exchange(Socket socket, String request) throws IOException {
    try (socket) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      try {
        for (int n; (n = in.read(buf)) >= 0; ) {
          out.write(buf, 0, n);
        }
        return out.toString(StandardCharsets.ISO_8859_1) + "<closed>";
      } catch (SocketTimeoutException e) {
        return out.toString(StandardCharsets.ISO_8859_1) + "<open>";
      }
    }
  }
}
