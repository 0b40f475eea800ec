package io.simca.ca.server.est;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.store.AuditEvent;
import io.simca.ca.store.AuditOutcome;
import io.simca.ca.store.TestStores;
import io.simca.ca.testing.DeviceSimulator;
import io.simca.ca.testing.TestServers;
import io.simca.est.codec.CertsOnly;
import io.simca.est.codec.CsrToken;
import io.simca.est.testing.TestCsrs;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The third token carriage (DESIGN.md enrolment step 3): the token inside the CSR, for clients that
 * send no Authorization header. The CSR signature covers it; with a header as well, both must
 * agree.
 */
class EstTokenInCsrTest {

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
  void tokenInTheCsrAloneEnrols(TestStores.Kind kind) {
    EstFixture f = NODES.get(kind);
    DeviceSimulator.Identity id = f.sim("acme");
    KeyPair key = TestCsrs.p256();
    byte[] csr = TestCsrs.der(TestCsrs.withToken(key, f.token(id, key.getPublic())));

    HttpResponse<String> r = f.enroll(csr, null);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    X509Certificate cert = issued(r);
    assertThat(cert.getSubjectX500Principal().getName()).contains("CN=" + id.iccid().value());
    assertThat(cert.getPublicKey()).isEqualTo(key.getPublic());
    assertThat(f.lastAudit(id.iccid().value()).orElseThrow().outcome())
        .isEqualTo(AuditOutcome.ALLOW);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void theSameTokenInTheCsrAndAsBasicPasswordEnrols(TestStores.Kind kind) {
    EstFixture f = NODES.get(kind);
    DeviceSimulator.Identity id = f.sim("acme");
    KeyPair key = TestCsrs.p256();
    String token = f.token(id, key.getPublic());

    HttpResponse<String> r =
        f.enroll(
            TestCsrs.der(TestCsrs.withToken(key, token)),
            EstFixture.basic(id.iccid().value(), token));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void differentTokensInTheCsrAndTheHeaderAreRefused(TestStores.Kind kind) {
    EstFixture f = NODES.get(kind);
    DeviceSimulator.Identity id = f.sim("acme");
    KeyPair key = TestCsrs.p256();
    Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);

    HttpResponse<String> r =
        f.enroll(
            TestCsrs.der(TestCsrs.withToken(key, f.token(id, key.getPublic()))),
            "Bearer " + f.token(id, key.getPublic()));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.body()).contains("conflicting_tokens");
    assertDenied(f, before, "conflicting_tokens");
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aTokenAttributeThatIsNotOneUtf8StringIsRefused(TestStores.Kind kind) {
    EstFixture f = NODES.get(kind);
    KeyPair key = TestCsrs.p256();
    byte[] csr =
        TestCsrs.der(
            TestCsrs.sign(
                new JcaPKCS10CertificationRequestBuilder(TestCsrs.subject("x"), key.getPublic())
                    .addAttribute(CsrToken.OID, new DERPrintableString("not-a-jws")),
                key));
    Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);

    HttpResponse<String> r = f.enroll(csr, null);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.body()).contains("malformed_csr_token");
    assertDenied(f, before, "malformed_csr_token");
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aTokenInTheCsrBoundToAnotherKeyIsRefused(TestStores.Kind kind) {
    EstFixture f = NODES.get(kind);
    DeviceSimulator.Identity id = f.sim("acme");
    KeyPair key = TestCsrs.p256();
    KeyPair other = TestCsrs.p256();
    Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);

    HttpResponse<String> r =
        f.enroll(TestCsrs.der(TestCsrs.withToken(key, f.token(id, other.getPublic()))), null);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
    List<AuditEvent> events = f.auditSince(before);
    assertThat(events).extracting(AuditEvent::outcome).containsOnly(AuditOutcome.DENY);
  }

  private static void assertDenied(EstFixture f, Instant before, String reason) {
    assertThat(f.auditSince(before))
        .filteredOn(e -> reason.equals(e.reason()))
        .singleElement()
        .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.DENY));
  }

  private static X509Certificate issued(HttpResponse<String> r) {
    return CertsOnly.decode(r.body().getBytes(StandardCharsets.US_ASCII)).get(0);
  }
}
