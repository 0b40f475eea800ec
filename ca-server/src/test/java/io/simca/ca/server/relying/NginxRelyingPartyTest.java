package io.simca.ca.server.relying;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.crypto.KeyFiles;
import io.simca.ca.revocation.SimRevocationReason;
import io.simca.ca.store.TestStores;
import io.simca.ca.testing.TestCertificates;
import io.simca.ca.testing.TestServer;
import io.simca.est.testing.Processes;
import io.simca.est.testing.Requirements;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Debian's nginx as an mTLS gateway in front of a service, at its full-chain setting ({@code
 * ssl_verify_client on; ssl_ocsp on;}: OCSP for the device certificate and for the issuing CA, from
 * each certificate's AIA): a fresh device gets in, and after {@code sim revoke} it is refused with
 * "certificate revoked" within 2 s.
 */
class NginxRelyingPartyTest {

  @TempDir Path tmp;

  static Stream<TestStores.Kind> kinds() {
    return io.simca.ca.testing.TestServers.kinds();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void sslOcspOnTheWholeChain_letsAFreshDeviceIn_thenRefusesItAfterSimRevoke(TestStores.Kind kind)
      throws Exception {
    Requirements.tool("nginx", "nginx-light");
    Requirements.tool("curl", "curl");
    try (TestServer node = RelyingPartyNodes.withRealUrls(tmp, kind)) {
      TestCertificates.Issued dev = TestCertificates.issue(node, tmp);
      Path key = tmp.resolve("device.key");
      KeyFiles.writePkcs8Pem(key, dev.key().getPrivate());
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      Process nginx = startNginx(node, port);
      try {
        assertThat(get(node, port, dev, key)).isEqualTo("200");

        node.server()
            .services()
            .revocation()
            .revokeSim(dev.iccid(), SimRevocationReason.LOST, "test");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        String status = "200";
        while (status.equals("200") && System.nanoTime() < deadline) {
          Thread.sleep(100);
          status = get(node, port, dev, key);
        }
        assertThat(status).as("nginx refuses the revoked device within 2 s").isEqualTo("400");
        assertThat(Files.readString(tmp.resolve("nginx/error.log")))
            .contains("certificate revoked");
      } finally {
        nginx.destroy();
        nginx.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private String get(TestServer node, int port, TestCertificates.Issued dev, Path key) {
    return Processes.run(
            tmp,
            List.of(
                "curl",
                "-sS",
                "-o",
                "/dev/null",
                "-w",
                "%{http_code}",
                "--cacert",
                node.rootPem().toString(),
                "--cert",
                dev.certPem().toString(),
                "--key",
                key.toString(),
                "https://127.0.0.1:" + port + "/"),
            null)
        .stdout();
  }

  private Process startNginx(TestServer node, int port) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("nginx"));
    Path clientCas = dir.resolve("client-cas.pem");
    Files.writeString(
        clientCas,
        Files.readString(node.rootPem()) + Files.readString(node.dataDir().issuingCert("default")));
    String conf =
        String.join(
            "\n",
            "daemon off;",
            "master_process off;",
            "worker_processes 1;",
            "pid " + dir.resolve("nginx.pid") + ";",
            "error_log " + dir.resolve("error.log") + " info;",
            "events { worker_connections 64; }",
            "http {",
            "  access_log off;",
            "  client_body_temp_path " + dir.resolve("body") + ";",
            "  proxy_temp_path " + dir.resolve("proxy") + ";",
            "  fastcgi_temp_path " + dir.resolve("fastcgi") + ";",
            "  uwsgi_temp_path " + dir.resolve("uwsgi") + ";",
            "  scgi_temp_path " + dir.resolve("scgi") + ";",
            "  server {",
            "    listen 127.0.0.1:" + port + " ssl;",
            "    ssl_certificate " + node.dataDir().tlsChain() + ";",
            "    ssl_certificate_key " + node.dataDir().tlsKey() + ";",
            "    ssl_client_certificate " + clientCas + ";",
            "    ssl_verify_client on;",
            "    ssl_verify_depth 2;",
            "    ssl_ocsp on;",
            "    location / { return 200 \"ok\\n\"; }",
            "  }",
            "}",
            "");
    Path file = dir.resolve("nginx.conf");
    Files.writeString(file, conf);
    Process p =
        new ProcessBuilder("nginx", "-c", file.toString(), "-p", dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("stdout.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new AssertionError("nginx exited: " + Files.readString(dir.resolve("stdout.log")));
      }
      try (Socket s = new Socket("127.0.0.1", port)) {
        return p;
      } catch (java.io.IOException notYet) {
        Thread.sleep(100);
      }
    }
    p.destroyForcibly();
    throw new AssertionError("nginx did not listen on " + port);
  }
}
