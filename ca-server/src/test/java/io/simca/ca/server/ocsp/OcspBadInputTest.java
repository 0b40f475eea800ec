package io.simca.ca.server.ocsp;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.store.TestStores;
import io.simca.ca.testing.TestCertificates;
import io.simca.ca.testing.TestServer;
import io.simca.ca.testing.TestServers;
import io.simca.est.testing.Processes;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What /ocsp does with bad or unusual input, and with nonces under {@code ocsp.nonce: sign}. */
class OcspBadInputTest {

  @TempDir static Path tmp;
  static NodePool nodes;
  static NodePool signing;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    nodes = new NodePool(tmp, Map.of());
    signing = new NodePool(tmp, Map.of("SIMCA_OCSP_NONCE", "sign"));
  }

  @AfterAll
  static void stop() {
    nodes.close();
    signing.close();
  }

  /**
   * What a case sends (built against the node) and what it expects: HTTP status, then OCSP status
   * (-1: no OCSP body).
   */
  record Case(
      String name,
      String contentType,
      Function<TestServer, byte[]> body,
      int http,
      int ocspStatus) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() {
    byte[] valid = new byte[0];
    return TestServers.kinds()
        .flatMap(
            kind ->
                Stream.of(
                        new Case("empty body", "application/ocsp-request", n -> valid, 400, -1),
                        new Case(
                            "garbage",
                            "application/ocsp-request",
                            n -> "hello, responder".getBytes(),
                            200,
                            OCSPResp.MALFORMED_REQUEST),
                        new Case(
                            "truncated DER",
                            "application/ocsp-request",
                            n -> {
                              byte[] der = request(n, BigInteger.TEN, null);
                              return Arrays.copyOf(der, der.length - 5);
                            },
                            200,
                            OCSPResp.MALFORMED_REQUEST),
                        new Case(
                            "huge body",
                            "application/ocsp-request",
                            n -> new byte[n.config().ocsp().maxRequestBytes() + 1],
                            413,
                            -1),
                        new Case(
                            "wrong content type",
                            "application/json",
                            n -> request(n, BigInteger.TEN, null),
                            415,
                            -1),
                        new Case(
                            "DER but not an OCSPRequest",
                            "application/ocsp-request",
                            n -> encode(new DERSequence(new ASN1Integer(7))),
                            200,
                            OCSPResp.MALFORMED_REQUEST),
                        new Case(
                            "unknown issuer",
                            "application/ocsp-request",
                            n -> foreignIssuerRequest(),
                            200,
                            OCSPResp.UNAUTHORIZED),
                        new Case(
                            "unknown serial",
                            "application/ocsp-request",
                            n -> request(n, new BigInteger("1234567890abcdef1234", 16), null),
                            200,
                            OCSPResp.SUCCESSFUL),
                        new Case(
                            "nonce too long but nonces ignored",
                            "application/ocsp-request",
                            n -> request(n, BigInteger.TEN, new byte[40]),
                            200,
                            OCSPResp.SUCCESSFUL))
                    .map(c -> Arguments.of(kind, c)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void post_badInput_getsTheRightStatus(TestStores.Kind kind, Case c) throws Exception {
    TestServer node = nodes.node(kind);
    HttpResponse<byte[]> resp =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(node.httpBase() + "/ocsp"))
                .header("Content-Type", c.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(c.body().apply(node)))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(resp.statusCode()).isEqualTo(c.http());
    if (c.ocspStatus() < 0) {
      assertThat(resp.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
      return;
    }
    assertThat(resp.headers().firstValue("content-type")).hasValue("application/ocsp-response");
    OCSPResp ocsp = new OCSPResp(resp.body());
    assertThat(ocsp.getStatus()).isEqualTo(c.ocspStatus());
    if (c.name().equals("unknown serial")) {
      assertThat(((BasicOCSPResp) ocsp.getResponseObject()).getResponses()[0].getCertStatus())
          .isInstanceOf(UnknownStatus.class);
    }
  }

  @Test
  void get_withBadBase64_is400_andOversizedUrlIsRefused() throws Exception {
    TestServer node = nodes.node(TestStores.Kind.H2);
    assertThat(get(node, "!!!not-base64!!!").statusCode()).isEqualTo(400);
    // Base64, but not DER: an OCSP malformedRequest (RFC 6960 §2.3), not an HTTP error.
    HttpResponse<byte[]> notDer = get(node, "AAAA");
    assertThat(notDer.statusCode()).isEqualTo(200);
    assertThat(notDer.headers().firstValue("content-type")).hasValue("application/ocsp-response");
    assertThat(new OCSPResp(notDer.body()).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
    assertThat(get(node, "").statusCode()).isEqualTo(400); // "/ocsp/": no request
    HttpResponse<String> bare =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(node.httpBase() + "/ocsp")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(bare.statusCode()).as(bare.body()).isEqualTo(400);
    assertThat(bare.body()).contains("empty OCSP request");
    // A %-escape Vert.x cannot decode fails before any route: still a short text 400.
    var badEscape =
        Processes.run(
            tmp,
            "curl",
            "-s",
            "-w",
            "\n%{http_code} %{content_type}",
            node.httpBase() + "/ocsp/%zz");
    assertThat(badEscape.stdout())
        .startsWith("malformed request")
        .endsWith("400 text/plain; charset=utf-8");
    // Vert.x caps the request line (4 KiB) well below ocsp.maxRequestBytes: 414 before our handler
    // runs.
    var huge =
        Processes.run(
            tmp,
            "curl",
            "-s",
            "-o",
            "/dev/null",
            "-w",
            "%{http_code}",
            node.httpBase() + "/ocsp/" + "A".repeat(node.config().ocsp().maxRequestBytes() * 2));
    assertThat(huge.stdout()).isIn("414", "413", "400");
  }

  @Test
  void nonceSign_opensslVerifiesTheEchoedNonce_andBadNoncesAreMalformed() throws Exception {
    TestServer node = signing.node(TestStores.Kind.H2);
    TestCertificates.Issued dev = TestCertificates.issue(node, tmp);
    var r =
        Processes.run(
            tmp,
            "openssl",
            "ocsp",
            "-issuer",
            dev.issuerPem().toString(),
            "-cert",
            dev.certPem().toString(),
            "-url",
            node.httpBase() + "/ocsp",
            "-CAfile",
            dev.rootPem().toString(),
            "-resp_text");
    assertThat(r.stdout()).as(r.stderr()).contains(": good").contains("OCSP Nonce");
    assertThat(r.stderr() + r.stdout())
        .contains("Response verify OK")
        .doesNotContain("WARNING: no nonce");

    byte[] nonce = "sixteen byte non".getBytes();
    BasicOCSPResp echoed =
        (BasicOCSPResp) post(node, request(node, dev.serial(), nonce)).getResponseObject();
    Extension ext = echoed.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
    assertThat(DEROctetString.getInstance(ext.getParsedValue()).getOctets()).isEqualTo(nonce);
    assertThat(post(node, request(node, dev.serial(), new byte[33])).getStatus())
        .isEqualTo(OCSPResp.MALFORMED_REQUEST);
    assertThat(post(node, request(node, dev.serial(), new byte[0])).getStatus())
        .isEqualTo(OCSPResp.MALFORMED_REQUEST);

    // Under 'ignore' the same openssl call gets the pre-signed response and warns about the missing
    // nonce.
    TestServer plain = nodes.node(TestStores.Kind.H2);
    TestCertificates.Issued other = TestCertificates.issue(plain, tmp);
    var ignored =
        Processes.run(
            tmp,
            "openssl",
            "ocsp",
            "-issuer",
            other.issuerPem().toString(),
            "-cert",
            other.certPem().toString(),
            "-url",
            plain.httpBase() + "/ocsp",
            "-CAfile",
            other.rootPem().toString());
    assertThat(ignored.stdout() + ignored.stderr())
        .contains("WARNING: no nonce in response")
        .contains(": good");
  }

  @Test
  void storeDown_cachedStillServed_uncachedGetsTryLater() throws Exception {
    TestServer node = TestServers.start(tmp, TestStores.Kind.H2);
    try {
      TestCertificates.Issued dev = TestCertificates.issue(node, tmp);
      node.stores().db().close();
      assertThat(
              ((BasicOCSPResp) post(node, request(node, dev.serial(), null)).getResponseObject())
                  .getResponses()[0].getCertStatus())
          .isNull();
      assertThat(post(node, request(node, dev.serial().add(BigInteger.ONE), null)).getStatus())
          .isEqualTo(OCSPResp.TRY_LATER);
    } finally {
      node.close();
    }
  }

  static HttpResponse<byte[]> get(TestServer node, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(node.httpBase() + "/ocsp/" + path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  static OCSPResp post(TestServer node, byte[] req) throws Exception {
    HttpResponse<byte[]> resp =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(node.httpBase() + "/ocsp"))
                .header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(req))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(resp.statusCode()).isEqualTo(200);
    return new OCSPResp(resp.body());
  }

  static byte[] request(TestServer node, BigInteger serial, byte[] nonce) {
    try {
      OCSPReqBuilder b =
          new OCSPReqBuilder().addRequest(OcspValidatorsTest.certId(node, serial, false));
      if (nonce != null) {
        b.setRequestExtensions(
            new Extensions(
                new Extension(
                    OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                    false,
                    new DEROctetString(nonce).getEncoded())));
      }
      return b.build().getEncoded();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] foreignIssuerRequest() {
    try {
      CertificateID id =
          new CertificateID(
              new org.bouncycastle.asn1.ocsp.CertID(
                  CertificateID.HASH_SHA1,
                  new DEROctetString(new byte[20]),
                  new DEROctetString(new byte[20]),
                  new ASN1Integer(42)));
      return new OCSPReqBuilder().addRequest(id).build().getEncoded();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] encode(org.bouncycastle.asn1.ASN1Object o) {
    try {
      return o.getEncoded();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
