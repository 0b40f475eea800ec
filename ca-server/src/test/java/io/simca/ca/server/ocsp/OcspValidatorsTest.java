package io.simca.ca.server.ocsp;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.revocation.SimRevocation;
import io.simca.ca.revocation.SimRevocationReason;
import io.simca.ca.store.TestStores;
import io.simca.ca.testing.TestCertificates;
import io.simca.ca.testing.TestServer;
import io.simca.ca.testing.TestServers;
import io.simca.est.testing.Processes;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OCSP responder as real validators see it: openssl, curl, gnutls ocsptool and a Bouncy Castle
 * client.
 */
class OcspValidatorsTest {

  @TempDir static Path tmp;
  static NodePool nodes;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    nodes = new NodePool(tmp, Map.of());
  }

  @AfterAll
  static void stop() {
    nodes.close();
  }

  static Stream<TestStores.Kind> kinds() {
    return TestServers.kinds();
  }

  static Processes.Result openssl(TestServer node, TestCertificates.Issued dev, String... extra) {
    // openssl wants the CertID digest option before -cert.
    var cmd =
        new java.util.ArrayList<>(
            java.util.List.of("openssl", "ocsp", "-issuer", dev.issuerPem().toString()));
    cmd.addAll(java.util.List.of(extra));
    cmd.addAll(
        java.util.List.of(
            "-cert",
            dev.certPem().toString(),
            "-url",
            node.httpBase() + "/ocsp",
            "-CAfile",
            dev.rootPem().toString()));
    return Processes.run(tmp, cmd, null);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void openssl_seesGood_thenRevokedWithReasonAndTime_rightAfterRevokeSim(TestStores.Kind kind) {
    TestServer node = nodes.node(kind);
    TestCertificates.Issued dev = TestCertificates.issue(node, tmp);
    for (String[] extra : new String[][] {{}, {"-no_nonce"}}) {
      var good = openssl(node, dev, extra);
      assertThat(good.stdout()).as(good.stderr()).contains(dev.certPem() + ": good");
      assertThat(good.stderr() + good.stdout()).contains("Response verify OK");
    }

    SimRevocation r =
        node.server()
            .services()
            .revocation()
            .revokeSim(dev.iccid(), SimRevocationReason.LOST, "test");
    assertThat(r.revokedSerials()).containsExactly(dev.serial());
    long t0 = System.nanoTime();
    var revoked = openssl(node, dev, "-no_nonce");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
    assertThat(revoked.stdout())
        .as(revoked.stderr())
        .contains(": revoked")
        .contains("Reason: keyCompromise")
        .contains("Revocation Time:");
    assertThat(revoked.stderr() + revoked.stdout()).contains("Response verify OK");
    var withNonce = openssl(node, dev);
    assertThat(withNonce.stdout()).contains(": revoked");

    // Idempotent: a second revocation revokes nothing new and says so.
    SimRevocation again =
        node.server()
            .services()
            .revocation()
            .revokeSim(dev.iccid(), SimRevocationReason.LOST, "test");
    assertThat(again.revokedSerials()).isEmpty();
    assertThat(again.alreadyRevoked()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void openssl_sha256CertId_isAnsweredAndVerifies(TestStores.Kind kind) {
    TestServer node = nodes.node(kind);
    TestCertificates.Issued dev = TestCertificates.issue(node, tmp);
    var good = openssl(node, dev, "-sha256", "-no_nonce");
    assertThat(good.stdout()).as(good.stderr()).contains(": good");
    assertThat(good.stderr() + good.stdout()).contains("Response verify OK");
    node.server()
        .services()
        .revocation()
        .revokeCertificate(
            dev.serial(),
            io.simca.ca.revocation.RevocationReason.SUPERSEDED,
            java.util.Optional.empty(),
            "test");
    var revoked = openssl(node, dev, "-sha256", "-no_nonce");
    assertThat(revoked.stdout())
        .as(revoked.stderr())
        .contains(": revoked")
        .contains("Reason: superseded");
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void ocsptool_agrees_goodThenRevoked(TestStores.Kind kind) {
    TestServer node = nodes.node(kind);
    TestCertificates.Issued dev = TestCertificates.issue(node, tmp);
    String[] cmd = {
      "ocsptool",
      "--ask=" + node.httpBase() + "/ocsp",
      "--load-cert",
      dev.certPem().toString(),
      "--load-issuer",
      dev.issuerPem().toString(),
      "--load-signer",
      node.dataDir().ocspCert("default").toString()
    };
    var good = Processes.run(tmp, cmd);
    assertThat(good.stdout() + good.stderr())
        .contains("Certificate Status: good")
        .contains("Verifying OCSP Response: Success");
    node.server()
        .services()
        .revocation()
        .revokeSim(dev.iccid(), SimRevocationReason.STOLEN, "test");
    var revoked = Processes.run(tmp, cmd);
    assertThat(revoked.stdout() + revoked.stderr())
        .contains("Certificate Status: revoked")
        .contains("Verifying OCSP Response: Success");
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void get_servesPresignedWithRfc5019Headers_andAnswers304OnValidators(TestStores.Kind kind)
      throws Exception {
    TestServer node = nodes.node(kind);
    TestCertificates.Issued dev = TestCertificates.issue(node, tmp);
    byte[] req = request(node, dev.serial(), false);
    String b64 = Base64.getEncoder().encodeToString(req);
    String encoded = URLEncoder.encode(b64, StandardCharsets.US_ASCII); // %2B %2F %3D
    var headers =
        Processes.run(
                tmp,
                "curl",
                "-sS",
                "-D",
                "-",
                "-o",
                "get.der",
                node.httpBase() + "/ocsp/" + encoded)
            .assertOk();
    String h = headers.stdout().toLowerCase(java.util.Locale.ROOT);
    assertThat(h)
        .contains("200 ok")
        .contains("content-type: application/ocsp-response")
        .containsPattern(
            "cache-control: max-age=(1[0-4][0-9]{3}|[0-9]{1,4}), public, no-transform, must-revalidate")
        .contains("etag: \"")
        .contains("last-modified: ")
        .contains("expires: ");
    byte[] viaEncoded = java.nio.file.Files.readAllBytes(tmp.resolve("get.der"));
    assertThat(status(viaEncoded)).isNull(); // good

    // Raw '+' and '/' in the path (what many clients send) give the same pre-signed bytes.
    HttpResponse<byte[]> raw =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(node.httpBase() + "/ocsp/" + b64.replace("=", "%3D")))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(raw.statusCode()).isEqualTo(200);
    assertThat(raw.body()).isEqualTo(viaEncoded);

    String etag = raw.headers().firstValue("etag").orElseThrow();
    HttpResponse<byte[]> conditional =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(node.httpBase() + "/ocsp/" + encoded))
                .header("If-None-Match", etag)
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(conditional.statusCode()).isEqualTo(304);
    HttpResponse<byte[]> since =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(node.httpBase() + "/ocsp/" + encoded))
                .header(
                    "If-Modified-Since", raw.headers().firstValue("last-modified").orElseThrow())
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(since.statusCode()).isEqualTo(304);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void bcClient_verifiesResponderChainAndSignature_andSeesUnknownForNeverIssued(
      TestStores.Kind kind) throws Exception {
    TestServer node = nodes.node(kind);
    TestCertificates.Issued dev = TestCertificates.issue(node, tmp);
    for (boolean sha256 : new boolean[] {false, true}) {
      BasicOCSPResp basic = post(node, request(node, dev.serial(), sha256));
      X509CertificateHolder responder = basic.getCerts()[0];
      X509Certificate ca = node.issuingCa().cert();
      // RFC 6960 §4.2.2.2: issued by the CA itself, id-kp-OCSPSigning, and id-pkix-ocsp-nocheck.
      assertThat(
              responder.isSignatureValid(
                  new JcaContentVerifierProviderBuilder().build(ca.getPublicKey())))
          .isTrue();
      assertThat(responder.getIssuer()).isEqualTo(new JcaX509CertificateHolder(ca).getSubject());
      assertThat(
              org.bouncycastle.asn1.x509.ExtendedKeyUsage.fromExtensions(responder.getExtensions())
                  .hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning))
          .isTrue();
      assertThat(
              responder.getExtension(
                  org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers.id_pkix_ocsp_nocheck))
          .isNotNull();
      assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(responder)))
          .isTrue();
      SingleResp single = basic.getResponses()[0];
      assertThat(single.getCertID().getSerialNumber()).isEqualTo(dev.serial());
      assertThat(single.getCertID().getHashAlgOID())
          .isEqualTo(
              sha256
                  ? NISTObjectIdentifiers.id_sha256
                  : org.bouncycastle.asn1.oiw.OIWObjectIdentifiers.idSHA1);
      assertThat(single.getCertStatus()).isNull(); // good
      assertThat(single.getNextUpdate()).isAfter(single.getThisUpdate());
    }
    BasicOCSPResp unknown = post(node, request(node, dev.serial().add(BigInteger.ONE), false));
    assertThat(unknown.getResponses()[0].getCertStatus())
        .isInstanceOf(org.bouncycastle.cert.ocsp.UnknownStatus.class);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void severalCertIds_areAnsweredInOneSignedResponse(TestStores.Kind kind) throws Exception {
    TestServer node = nodes.node(kind);
    TestCertificates.Issued a = TestCertificates.issue(node, tmp);
    TestCertificates.Issued b = TestCertificates.issue(node, tmp);
    node.server()
        .services()
        .revocation()
        .revokeSim(b.iccid(), SimRevocationReason.DECOMMISSIONED, "test");
    OCSPReqBuilder builder = new OCSPReqBuilder();
    builder.addRequest(certId(node, a.serial(), false));
    builder.addRequest(certId(node, b.serial(), true));
    BasicOCSPResp basic = post(node, builder.build().getEncoded());
    assertThat(basic.getResponses()).hasSize(2);
    assertThat(basic.getResponses()[0].getCertStatus()).isNull();
    RevokedStatus rs = (RevokedStatus) basic.getResponses()[1].getCertStatus();
    assertThat(rs.getRevocationReason()).isEqualTo(5); // cessationOfOperation
    assertThat(
            basic.isSignatureValid(
                new JcaContentVerifierProviderBuilder().build(basic.getCerts()[0])))
        .isTrue();
  }

  static CertificateID certId(TestServer node, BigInteger serial, boolean sha256) throws Exception {
    AlgorithmIdentifier alg =
        sha256 ? new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256) : CertificateID.HASH_SHA1;
    return new CertificateID(
        new JcaDigestCalculatorProviderBuilder().build().get(alg),
        new JcaX509CertificateHolder(node.issuingCa().cert()),
        serial);
  }

  static byte[] request(TestServer node, BigInteger serial, boolean sha256) throws Exception {
    return new OCSPReqBuilder().addRequest(certId(node, serial, sha256)).build().getEncoded();
  }

  static BasicOCSPResp post(TestServer node, byte[] req) throws Exception {
    HttpResponse<byte[]> resp =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(node.httpBase() + "/ocsp"))
                .header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(req))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(resp.statusCode()).isEqualTo(200);
    OCSPResp ocsp = new OCSPResp(resp.body());
    assertThat(ocsp.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
    return (BasicOCSPResp) ocsp.getResponseObject();
  }

  static Object status(byte[] der) throws Exception {
    return ((BasicOCSPResp) new OCSPResp(der).getResponseObject())
        .getResponses()[0].getCertStatus();
  }
}
