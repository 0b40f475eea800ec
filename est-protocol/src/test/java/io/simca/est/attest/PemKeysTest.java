package io.simca.est.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.simca.est.testing.Openssl;
import io.simca.est.testing.Processes;
import io.simca.est.testing.TestCsrs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PemKeysTest {

  @Test
  void publicAndPrivateKeysRoundTrip() {
    for (KeyPair keyPair : new KeyPair[] {TestCsrs.p256(), TestCsrs.p384(), TestCsrs.ed25519()}) {
      String publicPem = PemKeys.publicKeyPem(keyPair.getPublic());
      String privatePem = PemKeys.privateKeyPem(keyPair.getPrivate());
      assertThat(publicPem).startsWith("-----BEGIN PUBLIC KEY-----");
      assertThat(privatePem).startsWith("-----BEGIN PRIVATE KEY-----");
      assertThat(PemKeys.readPublicKey(publicPem).getEncoded())
          .isEqualTo(keyPair.getPublic().getEncoded());
      assertThat(PemKeys.readPrivateKey(privatePem).getEncoded())
          .isEqualTo(keyPair.getPrivate().getEncoded());
    }
  }

  @Test
  void writePrivateKey_createsOwnerOnlyFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("att1.key");
    KeyPair keyPair = AttestationMinter.generateAttesterKey();
    PemKeys.writePrivateKey(file, keyPair.getPrivate());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PemKeys.readPrivateKey(file).getEncoded())
        .isEqualTo(keyPair.getPrivate().getEncoded());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256",
        "ecparam -name prime256v1 -genkey -noout",
        "genpkey -algorithm ED25519"
      })
  void readPrivateKey_acceptsOpensslKeys(String command) {
    Openssl.require();
    Processes.Result result = Openssl.run(new byte[0], command.split(" "));
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    PrivateKey key = PemKeys.readPrivateKey(result.stdout());
    assertThat(new AttestationMinter("k", "k", key).algorithm()).isIn("ES256", "EdDSA");
  }

  @Test
  void readPublicKey_refusesGarbage() {
    assertThatThrownBy(() -> PemKeys.readPublicKey(""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                PemKeys.readPublicKey(
                    "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"))
        .isInstanceOf(IllegalArgumentException.class);
    String privatePem = PemKeys.privateKeyPem(TestCsrs.p256().getPrivate());
    assertThatThrownBy(() -> PemKeys.readPublicKey(privatePem))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
