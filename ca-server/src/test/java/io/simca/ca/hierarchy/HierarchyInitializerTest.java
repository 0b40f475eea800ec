package io.simca.ca.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.simca.ca.crypto.CryptoProviders;
import io.simca.ca.crypto.KeyFiles;
import io.simca.ca.crypto.KeyType;
import io.simca.ca.crypto.Pem;
import io.simca.ca.pki.CertificateIssuer;
import io.simca.ca.pki.DeviceIdentity;
import io.simca.ca.pki.DeviceProfile;
import io.simca.ca.pki.DeviceProfileSettings;
import io.simca.ca.pki.IssuerInfo;
import io.simca.ca.pki.LintPolicy;
import io.simca.ca.pki.OperatorProfile;
import io.simca.ca.pki.OperatorRole;
import io.simca.est.testing.Processes;
import io.simca.est.testing.Requirements;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One dev hierarchy initialised once, checked by the JDK, openssl and GnuTLS certtool. */
class HierarchyInitializerTest {

  @TempDir static Path tmp;
  private static DataDir dir;
  private static InitResult result;
  private static Path devicePem;

  @BeforeAll
  static void init() {
    dir = DataDir.of(tmp.resolve("data"));
    result =
        new HierarchyInitializer()
            .init(
                dir, InitOptions.defaults().withHostNames(List.of("ca.example.net", "192.0.2.7")));

    // a device certificate from the loaded hierarchy, as the server would issue it
    IssuingCa ca = LoadedHierarchy.load(dir).byLabel("default").orElseThrow();
    DeviceProfile profile =
        new DeviceProfile(
            IssuerInfo.of(ca.cert()),
            DeviceProfileSettings.defaults(URI.create("http://127.0.0.1:8080"), "default"),
            Clock.systemUTC());
    X509Certificate device =
        CertificateIssuer.create(LintPolicy.DEFAULT)
            .issue(
                profile.template(
                    DeviceIdentity.of("8944501234567890123")
                        .withTenant("acme")
                        .withImei("490154203237518"),
                    KeyType.EC_P256.generate(CryptoProviders.get()).getPublic()),
                ca.signingKey());
    devicePem = tmp.resolve("device.pem");
    Pem.writeCertificate(devicePem, device);
  }

  @Test
  void init_createsEveryContractFile_withPrivateModesOnKeysAndPassphrases() throws Exception {
    for (Path p :
        List.of(
            dir.rootKey(),
            dir.rootPassFile(),
            dir.issuingKey("default"),
            dir.issuingPass("default"),
            dir.ocspKey("default"),
            dir.ocspPass("default"),
            dir.tlsKey(),
            dir.operatorP12("admin"),
            dir.operatorPass("admin"))) {
      assertThat(mode(p)).as(p.toString()).isEqualTo("rw-------");
    }
    for (Path p :
        List.of(
            dir.rootCert(),
            dir.issuingCert("default"),
            dir.ocspCert("default"),
            dir.tlsCert(),
            dir.tlsChain())) {
      assertThat(p).isRegularFile();
    }
    for (Path p :
        List.of(dir.caDir(), dir.ocspDir(), dir.tlsDir(), dir.operatorsDir(), dir.attestersDir())) {
      assertThat(mode(p)).as(p.toString()).isEqualTo("rwx------");
    }
    assertThat(dir.attestersDir()).isEmptyDirectory();
    assertThat(dir.isInitialised()).isTrue();
    assertThat(result.devHierarchy()).isTrue();
    try (var s = Files.walk(dir.root())) {
      assertThat(s.map(Path::toString)).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void init_certificatesHaveTheRightShape() {
    assertThat(KeyType.of(result.root().getPublicKey())).isEqualTo(KeyType.EC_P384);
    assertThat(KeyType.of(result.issuingCa().getPublicKey())).isEqualTo(KeyType.EC_P256);
    assertThat(result.root().getBasicConstraints()).isEqualTo(1);
    assertThat(result.issuingCa().getBasicConstraints()).isEqualTo(0);
    assertThat(OperatorProfile.roleOf(result.adminOperator())).hasValue(OperatorRole.ADMIN);
    assertThat(Pem.readCertificates(dir.tlsChain()))
        .containsExactly(result.tlsServer(), result.issuingCa());
    assertThat(
            KeyFiles.readPkcs12(dir.rootKey(), KeyFiles.readPassphrase(dir.rootPassFile())).cert())
        .isEqualTo(result.root());
  }

  @Test
  void secondInit_isRefusedNamingTheExistingFile() {
    assertThatThrownBy(() -> new HierarchyInitializer().init(dir, InitOptions.defaults()))
        .isInstanceOf(HierarchyException.class)
        .hasMessageContaining("already exists")
        .hasMessageContaining(dir.rootCert().toString());
  }

  @Test
  void initAfterACrash_isRefusedNamingTheLeftover() throws Exception {
    DataDir partial = DataDir.of(tmp.resolve("partial"));
    Files.createDirectories(partial.caDir());
    Files.writeString(partial.rootKey(), "half-written");
    assertThatThrownBy(() -> new HierarchyInitializer().init(partial, InitOptions.defaults()))
        .isInstanceOf(HierarchyException.class)
        .hasMessageContaining("partial")
        .hasMessageContaining(partial.rootKey().toString());
  }

  @Test
  void init_withGivenRootPassphrase_writesNoPassFile() {
    DataDir prod = DataDir.of(tmp.resolve("prod"));
    InitResult r =
        new HierarchyInitializer()
            .init(prod, InitOptions.defaults().withRootPassphrase("correct horse".toCharArray()));
    assertThat(r.devHierarchy()).isFalse();
    assertThat(prod.rootPassFile()).doesNotExist();
    assertThat(KeyFiles.readPkcs12(prod.rootKey(), "correct horse".toCharArray()).cert())
        .isEqualTo(r.root());
  }

  @Test
  void opensslVerify_acceptsEveryCertificateAgainstRootAndIssuingCa() {
    for (Path leaf :
        List.of(
            dir.issuingCert("default"),
            dir.ocspCert("default"),
            dir.tlsCert(),
            devicePem,
            operatorPem())) {
      var r =
          Processes.run(
              List.of(
                  "openssl",
                  "verify",
                  "-x509_strict",
                  "-CAfile",
                  dir.rootCert().toString(),
                  "-untrusted",
                  dir.issuingCert("default").toString(),
                  leaf.toString()));
      assertThat(r.exitCode()).as(r.output()).isZero();
      assertThat(r.output()).contains(": OK");
    }
    var tls =
        Processes.run(
            List.of(
                "openssl",
                "verify",
                "-purpose",
                "sslserver",
                "-CAfile",
                dir.rootCert().toString(),
                "-untrusted",
                dir.issuingCert("default").toString(),
                dir.tlsCert().toString()));
    assertThat(tls.exitCode()).as(tls.output()).isZero();
    var client =
        Processes.run(
            List.of(
                "openssl",
                "verify",
                "-purpose",
                "sslclient",
                "-CAfile",
                dir.rootCert().toString(),
                "-untrusted",
                dir.issuingCert("default").toString(),
                devicePem.toString()));
    assertThat(client.exitCode()).as(client.output()).isZero();
  }

  @Test
  void opensslText_showsTheProfileExtensions() {
    assertThat(text(dir.rootCert()))
        .contains(
            "CA:TRUE, pathlen:1",
            "Certificate Sign, CRL Sign",
            "ecdsa-with-SHA384",
            "NIST CURVE: P-384");
    assertThat(text(dir.issuingCert("default")))
        .contains(
            "CA:TRUE, pathlen:0",
            "Certificate Sign, CRL Sign",
            "X509v3 Authority Key Identifier",
            "NIST CURVE: P-256");
    assertThat(text(dir.ocspCert("default")))
        .contains("OCSP No Check", "OCSP Signing", "Digital Signature");
    assertThat(text(dir.tlsCert()))
        .contains(
            "TLS Web Server Authentication",
            "DNS:localhost",
            "IP Address:127.0.0.1",
            "IP Address:0:0:0:0:0:0:0:1",
            "DNS:ca.example.net",
            "IP Address:192.0.2.7");
    assertThat(text(operatorPem()))
        .contains("TLS Web Client Authentication", "URI:urn:simca:role:admin");
    assertThat(text(devicePem))
        .contains(
            "TLS Web Client Authentication",
            "URI:urn:gsma:imei:49015420-323751-8",
            "CA:FALSE",
            "OCSP - URI:http://127.0.0.1:8080/ocsp",
            "CA Issuers - URI:http://127.0.0.1:8080/ca/default.crt",
            "URI:http://127.0.0.1:8080/crl/default.crl",
            "Subject: O = acme, CN = 8944501234567890123");
  }

  @Test
  void certtool_agreesWithTheChains() {
    Requirements.tool("certtool", "gnutls-bin");
    for (Path leaf : List.of(dir.ocspCert("default"), dir.tlsCert(), devicePem, operatorPem())) {
      Path chain = tmp.resolve("chain-" + leaf.getFileName());
      List<X509Certificate> certs = new ArrayList<>(Pem.readCertificates(leaf));
      certs.add(result.issuingCa());
      certs.add(result.root());
      Pem.writeCertificates(chain, certs);
      var r = Processes.run(List.of("certtool", "--verify-chain", "--infile", chain.toString()));
      assertThat(r.exitCode()).as(r.output()).isZero();
      assertThat(r.output()).contains("Chain verification output: Verified");
      var v =
          Processes.run(
              List.of(
                  "certtool",
                  "--verify",
                  "--load-ca-certificate",
                  dir.rootCert().toString(),
                  "--infile",
                  chain.toString()));
      assertThat(v.exitCode()).as(v.output()).isZero();
    }
  }

  @Test
  void adminP12_opensWithOpensslAndItsPassFile() {
    var r =
        Processes.run(
            List.of(
                "openssl",
                "pkcs12",
                "-in",
                dir.operatorP12("admin").toString(),
                "-passin",
                "file:" + dir.operatorPass("admin"),
                "-nokeys"));
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("subject=O = simca, OU = admin, CN = admin");
  }

  @Test
  void tlsKey_isPkcs8PemMatchingTheCertificate() {
    var key = Processes.run(List.of("openssl", "pkey", "-in", dir.tlsKey().toString(), "-pubout"));
    var cert =
        Processes.run(
            List.of("openssl", "x509", "-in", dir.tlsCert().toString(), "-pubkey", "-noout"));
    assertThat(key.exitCode()).isZero();
    assertThat(key.output()).isEqualTo(cert.output());
  }

  private Path operatorPem() {
    Path p = tmp.resolve("admin.pem");
    if (!Files.exists(p)) {
      Pem.writeCertificate(p, result.adminOperator());
    }
    return p;
  }

  private static String text(Path pem) {
    var r = Processes.run(List.of("openssl", "x509", "-in", pem.toString(), "-text", "-noout"));
    assertThat(r.exitCode()).as(r.output()).isZero();
    return r.output();
  }

  static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
