package io.simca.ca.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.simca.est.testing.Processes;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {

  private static KeyPair keys;
  private static X509Certificate cert;

  @TempDir Path tmp;

  @BeforeAll
  static void makeKey() throws Exception {
    CryptoProviders p = CryptoProviders.get();
    keys = KeyType.EC_P256.generate(p);
    X500Name n = new X500Name("CN=key files test");
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    cert =
        new JcaX509CertificateConverter()
            .getCertificate(
                new JcaX509v3CertificateBuilder(
                        n,
                        BigInteger.TEN,
                        Date.from(now),
                        Date.from(now.plus(1, ChronoUnit.DAYS)),
                        n,
                        keys.getPublic())
                    .build(p.contentSigner(keys.getPrivate(), "SHA256withECDSA")));
  }

  @Test
  void pkcs12_roundTripsWithMode0600InA0700Directory() throws Exception {
    Path f = tmp.resolve("keys/sub/k.p12");
    KeyFiles.writePkcs12(f, keys.getPrivate(), List.of(cert), "s3cret".toCharArray());

    assertThat(mode(f)).isEqualTo("rw-------");
    assertThat(mode(f.getParent())).isEqualTo("rwx------");
    SigningKey back = KeyFiles.readPkcs12(f, "s3cret".toCharArray());
    assertThat(back.cert()).isEqualTo(cert);
    assertThat(back.key().getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
    try (var s = Files.list(f.getParent())) {
      assertThat(s).containsExactly(f); // no temp file left behind
    }
  }

  @Test
  void pkcs12_wrongPassphrase_saysSoAndNamesTheFile() {
    Path f = tmp.resolve("k.p12");
    KeyFiles.writePkcs12(f, keys.getPrivate(), List.of(cert), "right".toCharArray());

    assertThatThrownBy(() -> KeyFiles.readPkcs12(f, "wrong".toCharArray()))
        .isInstanceOf(KeyFileException.class)
        .hasMessage("wrong passphrase for " + f)
        .satisfies(
            e ->
                assertThat(((KeyFileException) e).kind())
                    .isEqualTo(KeyFileException.Kind.WRONG_PASSPHRASE));
  }

  @Test
  void pkcs12_missingOrGarbageFile_givesAClearMessage() throws Exception {
    Path missing = tmp.resolve("nope.p12");
    assertThatThrownBy(() -> KeyFiles.readPkcs12(missing, "x".toCharArray()))
        .hasMessage("key file " + missing + " does not exist");

    Path garbage = tmp.resolve("garbage.p12");
    Files.writeString(garbage, "not a keystore");
    assertThatThrownBy(() -> KeyFiles.readPkcs12(garbage, "x".toCharArray()))
        .hasMessage("key file " + garbage + " is not a readable PKCS#12 file");
  }

  @Test
  void pkcs12_isReadableByOpenssl3_withModernAlgorithms() {
    Path f = tmp.resolve("k.p12");
    Path pass = tmp.resolve("k.pass");
    char[] pp = KeyFiles.generatePassphrase();
    KeyFiles.writePassphrase(pass, pp);
    KeyFiles.writePkcs12(f, keys.getPrivate(), List.of(cert), pp);

    var certs =
        Processes.run(
            List.of(
                "openssl", "pkcs12", "-in", f.toString(), "-passin", "file:" + pass, "-nokeys"));
    assertThat(certs.exitCode()).as(certs.output()).isZero();
    assertThat(certs.output()).contains("BEGIN CERTIFICATE");

    var key =
        Processes.run(
            List.of(
                "openssl",
                "pkcs12",
                "-in",
                f.toString(),
                "-passin",
                "file:" + pass,
                "-nocerts",
                "-nodes"));
    assertThat(key.exitCode()).as(key.output()).isZero();
    assertThat(key.output()).contains("BEGIN PRIVATE KEY");

    var info =
        Processes.run(
            List.of(
                "openssl",
                "pkcs12",
                "-in",
                f.toString(),
                "-passin",
                "file:" + pass,
                "-info",
                "-noout"));
    assertThat(info.output()).contains("PBES2", "AES-256-CBC", "sha256");
  }

  @Test
  void passphraseFile_is0600AndRoundTrips() throws Exception {
    Path pass = tmp.resolve("a/b.pass");
    char[] pp = KeyFiles.generatePassphrase();
    KeyFiles.writePassphrase(pass, pp);
    assertThat(mode(pass)).isEqualTo("rw-------");
    assertThat(KeyFiles.readPassphrase(pass)).isEqualTo(pp);
    assertThat(pp).hasSize(43);
    assertThat(new String(pp)).matches("[A-Za-z0-9_-]{43}");
  }

  @Test
  void writePrivateFile_replacesAtomicallyWithMode0600() throws Exception {
    Path f = tmp.resolve("secret");
    KeyFiles.writePrivateFile(f, new byte[] {1, 2, 3});
    KeyFiles.writePrivateFile(f, new byte[] {4});
    assertThat(Files.readAllBytes(f)).containsExactly(4);
    assertThat(mode(f)).isEqualTo("rw-------");
  }

  @Test
  void pkcs8Pem_isReadableByOpensslAndBackByPem() throws Exception {
    Path f = tmp.resolve("tls/server.key");
    KeyFiles.writePkcs8Pem(f, keys.getPrivate());
    assertThat(mode(f)).isEqualTo("rw-------");
    String text = Files.readString(f);
    assertThat(text).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(Pem.decodePrivateKey(text).getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
    var r = Processes.run(List.of("openssl", "pkey", "-in", f.toString(), "-noout"));
    assertThat(r.exitCode()).as(r.output()).isZero();
  }

  @Test
  void pem_roundTripsChains() {
    Path f = tmp.resolve("chain.pem");
    Pem.writeCertificates(f, List.of(cert, cert));
    assertThat(Pem.readCertificates(f)).containsExactly(cert, cert);
    assertThat(Pem.decodeCertificates(Pem.encode(cert))).containsExactly(cert);
  }

  @Test
  void signingKey_toStringNeverShowsTheKey() {
    SigningKey k = SigningKey.selfSigned(keys.getPrivate(), cert);
    assertThat(k.toString())
        .contains("CN=key files test")
        .doesNotContain("BEGIN")
        .doesNotContain("PrivateKey");
  }

  static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
