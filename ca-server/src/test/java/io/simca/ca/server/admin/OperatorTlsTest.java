package io.simca.ca.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.crypto.KeyFiles;
import io.simca.ca.crypto.Pem;
import io.simca.ca.crypto.SigningKey;
import io.simca.ca.hierarchy.DataDir;
import io.simca.ca.hierarchy.HierarchyInitializer;
import io.simca.ca.hierarchy.InitOptions;
import io.simca.ca.store.TestStores;
import io.simca.ca.testing.TestCertificates;
import io.simca.ca.testing.TestServer;
import io.simca.ca.testing.TestServers;
import io.simca.est.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The admin listener's handshake, seen by openssl: only operator certificates of this hierarchy
 * complete it. A device certificate from the same issuing CA ends in {@code bad_certificate}, a
 * foreign CA's operator certificate in {@code unknown_ca} (not {@code internal_error}); the JDK
 * engine ({@code server.nativeTls: false}) can only say {@code certificate_unknown} for both.
 */
class OperatorTlsTest {

  @TempDir Path tmp;

  /** openssl s_client with a client certificate; returns its stdout+stderr. */
  String handshake(TestServer node, Path cert, Path key, String version) {
    Processes.Result r =
        Processes.run(
            tmp,
            List.of(
                "openssl",
                "s_client",
                "-connect",
                "127.0.0.1:" + node.server().adminPort(),
                version,
                "-CAfile",
                node.rootPem().toString(),
                "-cert",
                cert.toString(),
                "-key",
                key.toString(),
                "-ign_eof"),
            "GET /admin/v1/cas HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes());
    return r.stdout() + r.stderr();
  }

  private Path keyPem(String name, PrivateKey key) {
    Path p = tmp.resolve(name + ".key");
    KeyFiles.writePkcs8Pem(p, key);
    return p;
  }

  @ParameterizedTest(name = "nativeTls={0} {1}")
  @CsvSource({"true,-tls1_2", "true,-tls1_3", "false,-tls1_2", "false,-tls1_3"})
  void onlyOperatorCertificatesCompleteTheHandshake(boolean nativeTls, String version)
      throws Exception {
    try (TestServer node =
        TestServers.start(
            tmp,
            TestStores.Kind.H2,
            Map.of("SIMCA_SERVER_NATIVETLS", Boolean.toString(nativeTls)))) {
      // A device certificate of the same issuing CA: trusted chain, wrong key purpose.
      TestCertificates.Issued device = TestCertificates.issue(node, tmp);
      String asDevice =
          handshake(node, device.certPem(), keyPem("device", device.key().getPrivate()), version);
      assertThat(asDevice).doesNotContain("HTTP/1.1");
      assertThat(asDevice)
          .containsIgnoringCase(nativeTls ? "alert bad certificate" : "alert certificate unknown");

      // An operator certificate of another hierarchy: unknown CA.
      DataDir foreign = new DataDir(Files.createTempDirectory(tmp, "foreign-").resolve("data"));
      new HierarchyInitializer().init(foreign, InitOptions.defaults());
      SigningKey other =
          KeyFiles.readPkcs12(
              foreign.operatorP12("admin"), KeyFiles.readPassphrase(foreign.operatorPass("admin")));
      Path otherPem = tmp.resolve("foreign-admin.pem");
      Pem.writeCertificates(otherPem, other.chain());
      String asForeign = handshake(node, otherPem, keyPem("foreign", other.key()), version);
      assertThat(asForeign).doesNotContain("HTTP/1.1");
      assertThat(asForeign)
          .containsIgnoringCase(nativeTls ? "alert unknown ca" : "alert certificate unknown");

      // The node's own admin: handshake and request succeed.
      SigningKey admin =
          KeyFiles.readPkcs12(
              node.dataDir().operatorP12("admin"),
              KeyFiles.readPassphrase(node.dataDir().operatorPass("admin")));
      Path adminPem = tmp.resolve("admin.pem");
      Pem.writeCertificates(adminPem, admin.chain());
      String asAdmin = handshake(node, adminPem, keyPem("admin", admin.key()), version);
      assertThat(asAdmin).contains("HTTP/1.1 200");
    }
  }
}
