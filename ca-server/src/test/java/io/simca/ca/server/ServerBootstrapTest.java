package io.simca.ca.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.store.TestStores;
import io.simca.ca.testing.TestServer;
import io.simca.ca.testing.TestServers;
import io.simca.est.testing.Processes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ServerBootstrapTest {

  @TempDir Path tmp;

  static java.util.stream.Stream<TestStores.Kind> kinds() {
    return TestServers.kinds();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void node_servesHealthCaCertAndTlsOnItsListeners(TestStores.Kind kind) throws Exception {
    try (TestServer node = TestServers.start(tmp, kind)) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(URI.create(node.httpBase() + "/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"store\":\"up\"").contains("\"label\":\"default\"");

      HttpResponse<byte[]> caCert =
          http.send(
              HttpRequest.newBuilder(URI.create(node.httpBase() + "/ca/default.crt")).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(caCert.statusCode()).isEqualTo(200);
      assertThat(caCert.headers().firstValue("content-type")).hasValue("application/pkix-cert");
      assertThat(caCert.body()).isEqualTo(node.issuingCa().cert().getEncoded());

      HttpResponse<String> unknown =
          http.send(
              HttpRequest.newBuilder(URI.create(node.httpBase() + "/ca/nope.crt")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(unknown.body()).contains("no issuing CA 'nope'");

      HttpResponse<String> metrics =
          http.send(
              HttpRequest.newBuilder(URI.create(node.httpBase() + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("simca_store_pool_max");
      if (kind == TestStores.Kind.H2) {
        assertThat(metrics.body()).containsPattern("simca_store_h2_file_bytes [1-9]");
      } else {
        assertThat(metrics.body()).doesNotContain("simca_store_h2_file_bytes");
      }

      // The EST listener's chain verifies against the root with an external client, for both TLS
      // versions.
      for (String tls : new String[] {"--tlsv1.2 --tls-max 1.2", "--tlsv1.3"}) {
        var r =
            Processes.run(
                tmp,
                "bash",
                "-c",
                "curl -sS -o /dev/null -w '%{http_code}' "
                    + tls
                    + " --cacert "
                    + node.rootPem()
                    + " "
                    + node.estBase()
                    + "/nothing-here");
        assertThat(r.stdout()).as(r.stderr()).isEqualTo("404");
      }
      // HEAD wherever GET works (RFC 9110 §9.1), over TLS too; unknown paths stay 404.
      var head =
          Processes.run(
              tmp,
              "bash",
              "-c",
              "curl -sS -I -o /dev/null -w '%{http_code}' --cacert "
                  + node.rootPem()
                  + " "
                  + node.estBase()
                  + "/cacerts");
      assertThat(head.stdout()).as(head.stderr()).isEqualTo("200");
      // The admin listener refuses a client without a certificate at the TLS layer.
      var noCert =
          Processes.run(
              tmp,
              "curl",
              "-sS",
              "-o",
              "/dev/null",
              "--cacert",
              node.rootPem().toString(),
              node.adminBase() + "/sims");
      assertThat(noCert.exitCode()).isNotZero();
    }
  }
}
