package io.simca.ca.server.est;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.store.AuditEvent;
import io.simca.ca.store.AuditOutcome;
import io.simca.ca.store.CertStatus;
import io.simca.ca.store.CertificateRow;
import io.simca.ca.store.OcspCertStatus;
import io.simca.ca.store.TestStores;
import io.simca.ca.testing.DeviceSimulator;
import io.simca.ca.testing.TestServers;
import io.simca.est.codec.CsrAttributes;
import io.simca.est.testing.Processes;
import io.simca.est.testing.TestCsrs;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.est.CACertsResponse;
import org.bouncycastle.est.CSRRequestResponse;
import org.bouncycastle.est.ESTService;
import org.bouncycastle.est.EnrollmentResponse;
import org.bouncycastle.est.jcajce.JcaHttpAuthBuilder;
import org.bouncycastle.est.jcajce.JsseESTServiceBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Enrolment end to end with real clients: Bouncy Castle's EST client in-process, curl and openssl
 * as processes (tokens minted by python, no simca code), the device simulator; and re-enrolment
 * over mutual TLS, including refusals of foreign and revoked certificates.
 */
class EstEnrollmentTest {

  @TempDir static Path tmp;

  private static final EstFixture.Nodes NODES =
      new EstFixture.Nodes(kind -> EstFixture.start(tmp, kind));

  static Stream<TestStores.Kind> kinds() {
    return TestServers.kinds();
  }

  @AfterAll
  static void stop() {
    NODES.close();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void bcEstClient_fetchesCaCertsAndCsrAttrsAndEnrollsWithBasicToken(TestStores.Kind kind)
      throws Exception {
    EstFixture f = NODES.get(kind);
    ESTService est = bcService(f, null);

    CACertsResponse ca = est.getCACerts();
    X509CertificateHolder[] certs = ESTService.storeToArray(ca.getCertificateStore());
    assertThat(certs)
        .extracting(X509CertificateHolder::getSubject)
        .containsExactlyInAnyOrder(
            subject(f.node.issuingCa().cert()), subject(f.node.root())); // DER SET order

    CSRRequestResponse attrs = est.getCSRAttributes();
    assertThat(attrs.getAttributesResponse().getRequirements())
        .contains(CsrAttributes.SIM_ATTESTATION_REQUIRED);

    DeviceSimulator.Identity id = f.sim("acme");
    KeyPair key = TestCsrs.p256();
    // The CSR says something else entirely: the profile takes names from the SIM only.
    PKCS10CertificationRequest csr =
        new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=evil,O=other"), key.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
    EnrollmentResponse response =
        est.simpleEnroll(
            false,
            csr,
            new JcaHttpAuthBuilder(id.iccid().value(), f.token(id, key.getPublic()).toCharArray())
                .build());

    X509Certificate cert =
        new JcaX509CertificateConverter()
            .getCertificate(ESTService.storeToArray(response.getStore())[0]);
    assertThat(cert.getSubjectX500Principal().getName())
        .isEqualTo("CN=" + id.iccid().value() + ",O=acme");
    assertThat(cert.getPublicKey()).isEqualTo(key.getPublic());
    cert.verify(f.node.issuingCa().cert().getPublicKey());
    assertStoredWithOcsp(f, cert);
    AuditEvent allow = f.lastAudit(id.iccid().value()).orElseThrow();
    assertThat(allow.outcome()).isEqualTo(AuditOutcome.ALLOW);
    assertThat(allow.serial()).isEqualTo(cert.getSerialNumber());
    assertThat(allow.attester()).isEqualTo(EstFixture.KID);
    assertThat(allow.imei()).isEqualTo(id.imei().value());
    assertThat(allow.jti()).isNotBlank();
    assertThat(allow.tokenSha256()).hasSize(64);
    assertThat(allow.policy()).isEqualTo("sim-attestation");
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void deviceSimulator_enrollsThenRenewsAndRekeysOverMutualTls(TestStores.Kind kind)
      throws Exception {
    EstFixture f = NODES.get(kind);
    DeviceSimulator device = f.device(f.sim("acme"));
    assertThat(device.needsRenewal(Duration.ofHours(1), Instant.now())).isTrue();

    DeviceSimulator.Result first = device.enroll();
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    X509Certificate firstCert = device.certificate().orElseThrow();
    assertThat(device.needsRenewal(Duration.ofHours(1), Instant.now())).isFalse();
    assertThat(device.needsRenewal(Duration.ofHours(25), Instant.now())).isTrue();

    DeviceSimulator.Result renewed = device.reenroll(false);
    assertThat(renewed.status()).as(renewed.body()).isEqualTo(200);
    assertThat(device.certificate().orElseThrow().getPublicKey())
        .isEqualTo(firstCert.getPublicKey());
    assertThat(f.lastAudit(device.identity().iccid().value()).orElseThrow().reason()).isNull();

    DeviceSimulator.Result rekeyed = device.reenroll(true);
    assertThat(rekeyed.status()).as(rekeyed.body()).isEqualTo(200);
    assertThat(device.certificate().orElseThrow().getPublicKey())
        .isNotEqualTo(firstCert.getPublicKey());
    AuditEvent audit = f.lastAudit(device.identity().iccid().value()).orElseThrow();
    assertThat(audit.eventType()).isEqualTo("reenroll");
    assertThat(audit.reason()).isEqualTo("rekey");
    assertStoredWithOcsp(f, device.certificate().orElseThrow());

    // The same outcomes are counted in /metrics (Prometheus text format).
    String metrics =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(f.node.httpBase() + "/metrics"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(metrics)
        .containsPattern(
            "simca_enrolments_seconds_count\\{kind=\"enroll\",outcome=\"allow\",reason=\"issued\"} [1-9]")
        .containsPattern(
            "simca_enrolments_seconds_count\\{kind=\"reenroll\",outcome=\"allow\",reason=\"rekey\"} [1-9]");
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void curlAndOpenssl_enrollWithPythonMintedToken_certificateMatchesProfile(TestStores.Kind kind)
      throws Exception {
    EstFixture f = NODES.get(kind);
    DeviceSimulator.Identity id = f.sim("acme");
    Path dir = Files.createTempDirectory(tmp, "curl-");
    sh(
        dir,
        "openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout dev.key -out dev.csr -subj /CN=ignored");
    String token = f.pythonToken(id, csrKey(dir.resolve("dev.csr"))).mint();

    // RFC 8951: the body is sent as the PEM file, armour and line breaks included.
    String status =
        sh(
            dir,
            "curl -sS -o resp.b64 -w '%{http_code}' -D headers.txt --cacert "
                + f.node.rootPem()
                + " -u "
                + id.iccid().value()
                + ":"
                + token
                + " -H 'Content-Type: application/pkcs10' --data-binary @dev.csr "
                + f.node.estBase()
                + "/simpleenroll");
    assertThat(status).as(Files.readString(dir.resolve("resp.b64"))).isEqualTo("200");
    assertThat(Files.readString(dir.resolve("headers.txt")))
        .contains("Content-Type: application/pkcs7-mime; smime-type=certs-only\r\n")
        .contains("Content-Transfer-Encoding: base64");
    sh(
        dir,
        "base64 -di resp.b64 > resp.p7 && openssl pkcs7 -inform DER -in resp.p7 -print_certs -out dev.pem");

    String text = sh(dir, "openssl x509 -in dev.pem -noout -text");
    String base = f.node.httpBase();
    String imei = id.imei().value();
    assertThat(text)
        .contains("Subject: O = acme, CN = " + id.iccid().value())
        .contains(
            "URI:urn:gsma:imei:"
                + imei.substring(0, 8)
                + "-"
                + imei.substring(8, 14)
                + "-"
                + imei.substring(14))
        .contains("TLS Web Client Authentication")
        .contains("CA:FALSE")
        .contains("Digital Signature")
        .contains("OCSP - URI:" + base + "/ocsp")
        .contains("CA Issuers - URI:" + base + "/ca/default.crt")
        .contains("URI:" + base + "/crl/default.crl")
        .doesNotContain("ignored");
    String dates = sh(dir, "openssl x509 -in dev.pem -noout -startdate -enddate -dateopt iso_8601");
    Instant notBefore =
        Instant.parse(
            dates
                .lines()
                .filter(l -> l.startsWith("notBefore="))
                .findFirst()
                .orElseThrow()
                .substring("notBefore=".length())
                .replace(" ", "T"));
    Instant notAfter =
        Instant.parse(
            dates
                .lines()
                .filter(l -> l.startsWith("notAfter="))
                .findFirst()
                .orElseThrow()
                .substring("notAfter=".length())
                .replace(" ", "T"));
    assertThat(Duration.between(notBefore, notAfter))
        .isEqualTo(Duration.ofHours(24).plusMinutes(5));
    assertThat(Duration.between(Instant.now(), notAfter))
        .isBetween(Duration.ofHours(23).plusMinutes(58), Duration.ofHours(24));
    assertThat(
            sh(
                dir,
                "openssl verify -CAfile "
                    + f.node.rootPem()
                    + " -untrusted "
                    + f.node.dataDir().issuingCert("default")
                    + " dev.pem"))
        .isEqualTo("dev.pem: OK");
    assertStoredWithOcsp(
        f, DeviceSimulator.certificates(Files.readAllBytes(dir.resolve("resp.b64"))).get(0));

    // Re-enrol over mutual TLS with curl: same key, same subject, fresh python token.
    sh(dir, "openssl req -new -key dev.key -out renew.csr -subj /O=acme/CN=" + id.iccid().value());
    String token2 = f.pythonToken(id, csrKey(dir.resolve("renew.csr"))).mint();
    String renew =
        sh(
            dir,
            "curl -sS -o renew.b64 -w '%{http_code}' --cacert "
                + f.node.rootPem()
                + " --cert dev.pem --key dev.key -u "
                + id.iccid().value()
                + ":"
                + token2
                + " -H 'Content-Type: application/pkcs10' --data-binary @renew.csr "
                + f.node.estBase()
                + "/simplereenroll");
    assertThat(renew).as(Files.readString(dir.resolve("renew.b64"))).isEqualTo("200");
    X509Certificate renewed =
        DeviceSimulator.certificates(Files.readAllBytes(dir.resolve("renew.b64"))).get(0);
    assertThat(renewed.getSubjectX500Principal().getName())
        .isEqualTo("CN=" + id.iccid().value() + ",O=acme");
    assertStoredWithOcsp(f, renewed);
    assertThat(f.lastAudit(id.iccid().value()).orElseThrow().eventType()).isEqualTo("reenroll");
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void bcEstClient_reenrollsOverMutualTlsWithFreshToken(TestStores.Kind kind) throws Exception {
    EstFixture f = NODES.get(kind);
    DeviceSimulator device = f.device(f.sim("acme"));
    assertThat(device.enroll().status()).isEqualTo(200);
    X509Certificate current = device.certificate().orElseThrow();
    // The simulator keeps its key private; re-enrol with BC from a key the test holds instead.
    KeyPair key = TestCsrs.p256();
    DeviceSimulator.Identity id = device.identity();
    HttpResponse<String> first =
        f.enroll(
            TestCsrs.csr(key, "x", null).getEncoded(),
            EstFixture.basic(id.iccid().value(), f.token(id, key.getPublic())));
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    current = DeviceSimulator.certificates(first.body().getBytes(StandardCharsets.US_ASCII)).get(0);

    ESTService est = bcService(f, keyManagers(key, current));
    PKCS10CertificationRequest csr =
        new JcaPKCS10CertificationRequestBuilder(
                X500Name.getInstance(current.getSubjectX500Principal().getEncoded()),
                key.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
    EnrollmentResponse response =
        est.simpleEnroll(
            true,
            csr,
            new JcaHttpAuthBuilder(id.iccid().value(), f.token(id, key.getPublic()).toCharArray())
                .build());
    X509Certificate renewed =
        new JcaX509CertificateConverter()
            .getCertificate(ESTService.storeToArray(response.getStore())[0]);
    assertThat(renewed.getSerialNumber()).isNotEqualTo(current.getSerialNumber());
    assertThat(renewed.getPublicKey()).isEqualTo(key.getPublic());
    assertStoredWithOcsp(f, renewed);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void simpleReenroll_refusesForeignCertificate(TestStores.Kind kind) throws Exception {
    EstFixture f = NODES.get(kind);
    DeviceSimulator.Identity id = f.sim("acme");
    Path dir = Files.createTempDirectory(tmp, "foreign-");
    // Self-signed, same subject as a real device certificate would have: the TLS layer accepts it,
    // we do not.
    sh(
        dir,
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout f.key -out f.pem -days 1"
            + " -subj /O=acme/CN="
            + id.iccid().value());
    sh(dir, "openssl req -new -key f.key -out f.csr -subj /O=acme/CN=" + id.iccid().value());
    String token = f.pythonToken(id, csrKey(dir.resolve("f.csr"))).mint();
    String out =
        sh(
            dir,
            "curl -sS -w '\n%{http_code}' --cacert "
                + f.node.rootPem()
                + " --cert f.pem --key f.key -u "
                + id.iccid().value()
                + ":"
                + token
                + " -H 'Content-Type: application/pkcs10' --data-binary @f.csr "
                + f.node.estBase()
                + "/simplereenroll");
    assertThat(out).endsWith("403").contains("reenroll_cert_foreign");
    assertThat(f.lastAudit(id.iccid().value()).orElseThrow().reason())
        .isEqualTo("reenroll_cert_foreign");
    assertThat(
            f.node
                .stores()
                .certs()
                .list(io.simca.ca.store.CertFilter.ALL.withIccid(id.iccid().value()), 0, 10))
        .isEmpty();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void simpleReenroll_refusesRevokedCertificate(TestStores.Kind kind) {
    EstFixture f = NODES.get(kind);
    DeviceSimulator device = f.device(f.sim("acme"));
    assertThat(device.enroll().status()).isEqualTo(200);
    X509Certificate cert = device.certificate().orElseThrow();
    assertThat(
            f.node
                .stores()
                .certs()
                .revoke(cert.getSerialNumber(), 1, Instant.now(), Optional.empty()))
        .isTrue();

    // Bearer names no SIM: the audit record must take the ICCID from the stored certificate.
    DeviceSimulator.Result result = device.reenroll(false, DeviceSimulator.Credentials.BEARER);
    assertThat(result.status()).isEqualTo(403);
    assertThat(result.body()).contains("reenroll_cert_revoked");
    AuditEvent audit = f.lastAudit(device.identity().iccid().value()).orElseThrow();
    assertThat(audit.outcome()).isEqualTo(AuditOutcome.DENY);
    assertThat(audit.reason()).isEqualTo("reenroll_cert_revoked");
  }

  static String sh(Path dir, String command) {
    return Processes.run(dir, "bash", "-c", command).assertOk().stdout();
  }

  static java.security.PublicKey csrKey(Path pemCsr) throws IOException {
    try (org.bouncycastle.openssl.PEMParser p =
        new org.bouncycastle.openssl.PEMParser(Files.newBufferedReader(pemCsr))) {
      return new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest(
              (PKCS10CertificationRequest) p.readObject())
          .getPublicKey();
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  static ESTService bcService(EstFixture f, KeyManagerFactory client) throws Exception {
    // JcaJceUtils.getCertPathTrustManager needs the BC provider registered globally; the JDK's
    // PKIX trust manager over the root does the same job without touching global providers.
    KeyStore roots = KeyStore.getInstance("PKCS12");
    roots.load(null, null);
    roots.setCertificateEntry("root", f.node.root());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(roots);
    X509TrustManager[] trust =
        Stream.of(tmf.getTrustManagers())
            .map(X509TrustManager.class::cast)
            .toArray(X509TrustManager[]::new);
    JsseESTServiceBuilder builder =
        new JsseESTServiceBuilder("127.0.0.1:" + f.node.server().estPort(), trust);
    if (client != null) {
      builder.withKeyManagers(client.getKeyManagers());
    }
    return builder.build();
  }

  static KeyManagerFactory keyManagers(KeyPair key, X509Certificate cert) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("device", key.getPrivate(), new char[0], new Certificate[] {cert});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, new char[0]);
    return kmf;
  }

  /**
   * "A certificate is never returned unless stored": issued row with these bytes, and its OCSP
   * response.
   */
  static void assertStoredWithOcsp(EstFixture f, X509Certificate cert) {
    CertificateRow row = f.node.stores().certs().find(cert.getSerialNumber()).orElseThrow();
    assertThat(row.status()).isEqualTo(CertStatus.ISSUED);
    try {
      assertThat(row.certDer()).isEqualTo(cert.getEncoded());
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new AssertionError(e);
    }
    assertThat(f.node.stores().ocsp().find(cert.getSerialNumber()).orElseThrow().certStatus())
        .isEqualTo(OcspCertStatus.GOOD);
  }

  private static X500Name subject(X509Certificate c) {
    return X500Name.getInstance(c.getSubjectX500Principal().getEncoded());
  }
}
