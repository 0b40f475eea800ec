package io.simca.ca.server.ocsp;

import static io.simca.ca.store.jooq.Tables.CERTIFICATE;
import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.crl.CrlService;
import io.simca.ca.revocation.RevocationReason;
import io.simca.ca.revocation.SimRevocationReason;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jooq.BatchBindStep;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CRLs as openssl and the JDK see them: verify before/after revocation, extensions, conditional
 * GET, 100k entries.
 */
class CrlTest {

  @TempDir static Path tmp;
  static NodePool nodes;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    nodes = new NodePool(tmp, Map.of("SIMCA_CRL_DEBOUNCE", "300ms"));
  }

  @AfterAll
  static void stop() {
    nodes.close();
  }

  static Stream<TestStores.Kind> kinds() {
    return TestServers.kinds();
  }

  static HttpResponse<byte[]> fetch(TestServer node, String name) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(node.httpBase() + "/crl/" + name)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  static Path pem(HttpResponse<byte[]> crl, String name) throws Exception {
    Path der = tmp.resolve(name + ".der");
    Files.write(der, crl.body());
    Path pem = tmp.resolve(name + ".pem");
    Processes.run(
            tmp, "openssl", "crl", "-inform", "DER", "-in", der.toString(), "-out", pem.toString())
        .assertOk();
    return pem;
  }

  static Processes.Result verify(Path crlPem, TestCertificates.Issued dev) {
    return Processes.run(
        tmp,
        "openssl",
        "verify",
        "-crl_check",
        "-CRLfile",
        crlPem.toString(),
        "-CAfile",
        dev.rootPem().toString(),
        "-untrusted",
        dev.issuerPem().toString(),
        dev.certPem().toString());
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void opensslVerify_passesBefore_andFailsRevokedAfter_withinTheDebounce(TestStores.Kind kind)
      throws Exception {
    TestServer node = nodes.node(kind);
    TestCertificates.Issued dev = TestCertificates.issue(node, tmp);
    HttpResponse<byte[]> before = fetch(node, "default.crl");
    assertThat(before.statusCode()).isEqualTo(200);
    assertThat(before.headers().firstValue("content-type")).hasValue("application/pkix-crl");
    var ok = verify(pem(before, "before-" + kind), dev);
    assertThat(ok.stdout()).as(ok.stderr()).endsWith(": OK");

    node.server().services().revocation().revokeSim(dev.iccid(), SimRevocationReason.LOST, "test");
    HttpResponse<byte[]> after = awaitCrlListing(node, dev.serial());
    var revoked = verify(pem(after, "after-" + kind), dev);
    assertThat(revoked.exitCode()).isNotZero();
    assertThat(revoked.stdout() + revoked.stderr()).contains("certificate revoked");

    var text =
        Processes.run(
                tmp,
                "openssl",
                "crl",
                "-inform",
                "DER",
                "-in",
                tmp.resolve("after-" + kind + ".der").toString(),
                "-text",
                "-noout")
            .assertOk()
            .stdout();
    assertThat(text)
        .contains("Version 2")
        .contains("X509v3 CRL Number")
        .contains("X509v3 Authority Key Identifier")
        .contains("X509v3 Issuing Distribution Point: critical")
        .contains("URI:" + node.config().server().effectivePublicUrl() + "/crl/default.crl")
        .contains("Only User Certificates")
        .contains("Key Compromise")
        .contains(dev.serialHex().toUpperCase(java.util.Locale.ROOT));
    assertThat(text).contains("Next Update:");

    // Conditional GET.
    HttpResponse<byte[]> again =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(node.httpBase() + "/crl/default.crl"))
                .header("If-None-Match", after.headers().firstValue("etag").orElseThrow())
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(fetch(node, "nope.crl").statusCode()).isEqualTo(404);
    // The generation-qualified name serves the same CA's CRL (here gen 1 is the active one).
    assertThat(fetch(node, "default-g1.crl").body()).isEqualTo(after.body());
  }

  @Test
  void head_answersLikeGet_withoutTheBody() throws Exception {
    // RFC 9110 §9.1: wherever GET works, so does HEAD (caches and monitors probe CRLs with it).
    TestServer node = nodes.node(TestStores.Kind.H2);
    HttpResponse<byte[]> get = fetch(node, "default.crl");
    HttpResponse<byte[]> head =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(node.httpBase() + "/crl/default.crl"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body()).isNotEmpty();
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValue("etag")).isEqualTo(get.headers().firstValue("etag"));
    assertThat(head.headers().firstValue("content-type")).hasValue("application/pkix-crl");
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void crlEntry_carriesReasonAndInvalidityDate_andNumbersIncrease(TestStores.Kind kind)
      throws Exception {
    TestServer node = nodes.node(kind);
    TestCertificates.Issued dev = TestCertificates.issue(node, tmp);
    Instant invalid = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    node.server()
        .services()
        .revocation()
        .revokeCertificate(
            dev.serial(), RevocationReason.AFFILIATION_CHANGED, Optional.of(invalid), "test");
    long n1 =
        node.server()
            .services()
            .revocation()
            .publishCrl(Optional.of("default"), "test")
            .get("default");
    long n2 =
        node.server().services().revocation().publishCrl(Optional.empty(), "test").get("default");
    assertThat(n2).isGreaterThan(n1);
    X509CRL crl = parse(fetch(node, "default.crl").body());
    var entry = crl.getRevokedCertificate(dev.serial());
    assertThat(entry).isNotNull();
    assertThat(entry.getRevocationReason())
        .isEqualTo(java.security.cert.CRLReason.AFFILIATION_CHANGED);
    assertThat(entry.getExtensionValue("2.5.29.24")).isNotNull(); // invalidityDate
    crl.verify(node.issuingCa().cert().getPublicKey());
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void crlOf100kRevokedRows_isGeneratedAndServed(TestStores.Kind kind) throws Exception {
    TestServer node = nodes.node(kind);
    String caId = node.issuingCa().keyId();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    int total = 100_000;
    node.stores()
        .db()
        .inTransactionRun(
            ctx -> {
              BatchBindStep batch = null;
              for (int i = 0; i < total; i++) {
                if (batch == null) {
                  batch =
                      ctx.batch(
                          ctx.insertInto(
                                  CERTIFICATE,
                                  CERTIFICATE.SERIAL,
                                  CERTIFICATE.CA_ID,
                                  CERTIFICATE.SPKI_SHA256,
                                  CERTIFICATE.SUBJECT,
                                  CERTIFICATE.PROFILE,
                                  CERTIFICATE.STATUS,
                                  CERTIFICATE.NOT_BEFORE,
                                  CERTIFICATE.NOT_AFTER,
                                  CERTIFICATE.REVOKED_AT,
                                  CERTIFICATE.REVOCATION_REASON,
                                  CERTIFICATE.CREATED_AT)
                              .values(
                                  (String) null,
                                  null,
                                  null,
                                  null,
                                  null,
                                  null,
                                  null,
                                  null,
                                  null,
                                  null,
                                  null));
                }
                String serial = BigInteger.valueOf(0x7e57_0000_0000L + i).toString(16);
                batch.bind(
                    serial,
                    caId,
                    "0".repeat(64),
                    "CN=bulk" + i,
                    "device",
                    "revoked",
                    now.minusHours(1),
                    now.plusHours(20),
                    now.minusMinutes(5),
                    1 + (i % 5),
                    now.minusHours(1));
                if (batch.size() == 5_000) {
                  batch.execute();
                  batch = null;
                }
              }
              if (batch != null) {
                batch.execute();
              }
            });
    long t0 = System.nanoTime();
    long number =
        node.server()
            .services()
            .revocation()
            .publishCrl(Optional.of("default"), "test")
            .get("default");
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.println(
        "CRL with " + total + "+ entries generated and stored on " + kind + " in " + ms + " ms");
    HttpResponse<byte[]> resp = fetch(node, "default.crl");
    X509CRL crl = parse(resp.body());
    assertThat(crl.getRevokedCertificates().size()).isGreaterThanOrEqualTo(total);
    assertThat(crl.getRevokedCertificate(BigInteger.valueOf(0x7e57_0000_0000L + 4242))).isNotNull();
    crl.verify(node.issuingCa().cert().getPublicKey());
    var text =
        Processes.run(
            tmp,
            java.util.List.of("openssl", "crl", "-inform", "DER", "-noout", "-crlnumber"),
            resp.body());
    assertThat(text.stdout()).startsWith("crlNumber=0x");
    assertThat(Long.parseLong(text.stdout().substring("crlNumber=0x".length()), 16))
        .isEqualTo(number);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void start_withAFreshStoredCrlThatPredatesARevocation_servesItThenRegenerates(
      TestStores.Kind kind) throws Exception {
    TestServer node = nodes.node(kind);
    var services = node.server().services();
    TestCertificates.Issued dev = TestCertificates.issue(node, tmp);
    String caId = node.issuingCa().keyId();
    services.revocation().publishCrl(Optional.of("default"), "test");
    // Revoked straight in the store, as an offline revocation or another deployment would: no
    // CRL refresh is scheduled anywhere.
    assertThat(
            node.stores()
                .certs()
                .revoke(
                    dev.serial(),
                    RevocationReason.KEY_COMPROMISE.code(),
                    Instant.now(),
                    Optional.empty()))
        .isTrue();

    var ctx = services.ctx();
    CrlService restarted =
        new CrlService(
            ctx::hierarchy,
            ctx.stores(),
            ctx.config().crl(),
            ctx.config().server().effectivePublicUrl(),
            java.time.Clock.systemUTC(),
            ctx.metrics());
    restarted.start();
    try {
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (parse(restarted.current(caId).orElseThrow().der()).getRevokedCertificate(dev.serial())
              == null
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(
              parse(restarted.current(caId).orElseThrow().der())
                  .getRevokedCertificate(dev.serial()))
          .isNotNull();
    } finally {
      restarted.stop();
    }
  }

  /**
   * The first served CRL that lists {@code serial}, or the last one fetched after 5 s. A new ETag
   * alone is not enough: a scheduled regeneration that started before the revocation committed also
   * changes it.
   */
  static HttpResponse<byte[]> awaitCrlListing(TestServer node, BigInteger serial) throws Exception {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (true) {
      HttpResponse<byte[]> r = fetch(node, "default.crl");
      if (parse(r.body()).getRevokedCertificate(serial) != null || System.nanoTime() > deadline) {
        return r;
      }
      Thread.sleep(100);
    }
  }

  static X509CRL parse(byte[] der) throws Exception {
    return (X509CRL)
        CertificateFactory.getInstance("X.509").generateCRL(new java.io.ByteArrayInputStream(der));
  }
}
