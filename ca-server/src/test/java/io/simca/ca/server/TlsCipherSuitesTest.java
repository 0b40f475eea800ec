package io.simca.ca.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.store.TestStores;
import io.simca.ca.testing.TestServer;
import io.simca.ca.testing.TestServers;
import io.simca.est.testing.Processes;
import io.simca.est.testing.Requirements;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The EST and admin listeners negotiate forward-secret AEAD suites only: openssl offering a TLS 1.2
 * CBC/SHA-1 suite alone gets a handshake failure, offering AES-GCM completes it. Both TLS engines.
 */
class TlsCipherSuitesTest {

  @TempDir Path tmp;

  @ParameterizedTest(name = "nativeTls={0}")
  @ValueSource(booleans = {true, false})
  void tls12_cbcShaSuitesRefused_aeadAccepted(boolean nativeTls) {
    Requirements.tool("openssl", "openssl");
    try (TestServer node =
        TestServers.start(
            tmp,
            TestStores.Kind.H2,
            Map.of("SIMCA_SERVER_NATIVETLS", Boolean.toString(nativeTls)))) {
      int est = node.server().estPort();
      for (String cbc :
          List.of(
              "ECDHE-ECDSA-AES128-SHA", "ECDHE-ECDSA-AES256-SHA", "ECDHE-ECDSA-AES128-SHA256")) {
        assertThat(handshake(node, est, cbc)).as(cbc).doesNotContain("Cipher is " + cbc);
      }
      assertThat(handshake(node, est, "ECDHE-ECDSA-AES128-GCM-SHA256"))
          .contains("Cipher is ECDHE-ECDSA-AES128-GCM-SHA256");
      assertThat(handshake(node, node.server().adminPort(), "ECDHE-ECDSA-AES128-SHA"))
          .doesNotContain("Cipher is ECDHE-ECDSA-AES128-SHA");
    }
  }

  @Test
  void tls13_stillNegotiates() {
    Requirements.tool("openssl", "openssl");
    try (TestServer node = TestServers.start(tmp, TestStores.Kind.H2)) {
      Processes.Result r =
          Processes.run(
              tmp,
              List.of(
                  "openssl",
                  "s_client",
                  "-connect",
                  "127.0.0.1:" + node.server().estPort(),
                  "-tls1_3",
                  "-CAfile",
                  node.rootPem().toString()),
              new byte[0]);
      assertThat(r.output()).contains("TLSv1.3").contains("Verify return code: 0 (ok)");
    }
  }

  private String handshake(TestServer node, int port, String cipher) {
    Processes.Result r =
        Processes.run(
            tmp,
            List.of(
                "openssl",
                "s_client",
                "-connect",
                "127.0.0.1:" + port,
                "-tls1_2",
                "-cipher",
                cipher,
                "-CAfile",
                node.rootPem().toString()),
            new byte[0]);
    return r.output();
  }
}
