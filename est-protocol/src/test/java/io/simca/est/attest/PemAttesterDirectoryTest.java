package io.simca.est.attest;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.est.testing.TestCsrs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemAttesterDirectoryTest {

  @TempDir Path root;

  @Test
  void load_readsPemFilesByKidWithIssuerDefaultingToKid() throws Exception {
    Path dir = Files.createDirectory(root.resolve("attesters"));
    KeyPair a = TestCsrs.p256();
    KeyPair b = TestCsrs.ed25519();
    PemKeys.writePublicKey(dir.resolve("alpha.pem"), a.getPublic());
    PemKeys.writePublicKey(dir.resolve("beta.pem"), b.getPublic());
    Files.writeString(dir.resolve("README.txt"), "not a key");
    Files.writeString(dir.resolve("alpha.key"), "ignored");

    PemAttesterDirectory directory =
        PemAttesterDirectory.load(List.of(dir), Map.of("beta", "operator-b"));

    assertThat(directory.kids()).containsExactly("alpha", "beta");
    assertThat(directory.find("alpha").orElseThrow().issuer()).isEqualTo("alpha");
    assertThat(directory.find("alpha").orElseThrow().key().getEncoded())
        .isEqualTo(a.getPublic().getEncoded());
    assertThat(directory.find("beta").orElseThrow().issuer()).isEqualTo("operator-b");
    assertThat(directory.find("gamma")).isEmpty();
    assertThat(directory.find(null)).isEmpty();
    assertThat(directory.problems()).isEmpty();
  }

  @Test
  void load_firstFolderWinsAndNotesTheShadowedFile() throws Exception {
    Path data = Files.createDirectory(root.resolve("data"));
    Path config = Files.createDirectory(root.resolve("config"));
    KeyPair first = TestCsrs.p256();
    PemKeys.writePublicKey(data.resolve("att.pem"), first.getPublic());
    PemKeys.writePublicKey(config.resolve("att.pem"), TestCsrs.p256().getPublic());

    PemAttesterDirectory directory =
        PemAttesterDirectory.load(List.of(data, config, root.resolve("missing")), Map.of());

    assertThat(directory.find("att").orElseThrow().key().getEncoded())
        .isEqualTo(first.getPublic().getEncoded());
    assertThat(directory.problems())
        .singleElement()
        .asString()
        .contains("config", "already loaded");
  }

  @Test
  void load_skipsUnusableFilesAndReportsThem() throws Exception {
    Path dir = Files.createDirectory(root.resolve("attesters"));
    PemKeys.writePublicKey(dir.resolve("good.pem"), TestCsrs.p384().getPublic());
    Files.writeString(
        dir.resolve("broken.pem"), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
    PemKeys.writePublicKey(dir.resolve("rsa.pem"), TestCsrs.rsa(2048).getPublic());
    PemKeys.writePublicKey(dir.resolve("k1.pem"), TestCsrs.ec("secp256k1").getPublic());
    PemKeys.writePublicKey(dir.resolve("bad kid.pem"), TestCsrs.p256().getPublic());

    PemAttesterDirectory directory = PemAttesterDirectory.load(List.of(dir));

    assertThat(directory.kids()).containsExactly("good");
    assertThat(directory.problems())
        .hasSize(4)
        .anySatisfy(p -> assertThat(p).contains("broken.pem"))
        .anySatisfy(p -> assertThat(p).contains("rsa.pem", "RSA_2048"))
        .anySatisfy(p -> assertThat(p).contains("k1.pem"))
        .anySatisfy(p -> assertThat(p).contains("bad kid.pem", "not a valid kid"));
  }

  @Test
  void reload_picksUpAddedAndRemovedKeys() throws Exception {
    Path dir = Files.createDirectory(root.resolve("attesters"));
    PemKeys.writePublicKey(dir.resolve("old.pem"), TestCsrs.p256().getPublic());
    PemAttesterDirectory directory = PemAttesterDirectory.load(List.of(dir));
    assertThat(directory.kids()).containsExactly("old");

    Files.delete(dir.resolve("old.pem"));
    PemKeys.writePublicKey(dir.resolve("new.pem"), TestCsrs.p256().getPublic());
    directory.reload();

    assertThat(directory.kids()).containsExactly("new");
    assertThat(directory.find("old")).isEmpty();
  }
}
