package io.simca.ca.server.coap;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.store.AuditEvent;
import io.simca.ca.store.AuditOutcome;
import io.simca.ca.store.CertStatus;
import io.simca.ca.store.TestStores;
import io.simca.ca.testing.DeviceSimulator;
import io.simca.ca.testing.TestServers;
import io.simca.est.codec.CertsOnly;
import io.simca.est.codec.CsrAttributes;
import io.simca.est.testing.TestCsrs;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.BlockOption;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * EST-coaps (RFC 9148) end to end with Californium's client over real DTLS on loopback: discovery,
 * the CA chain with Block2, enrolment with the token inside the CSR (Block1), re-enrolment with the
 * DTLS client certificate, on H2 and PostgreSQL.
 */
class EstCoapsEnrollmentTest {

  @TempDir static Path tmp;

  private static final CoapFixture.Nodes NODES =
      new CoapFixture.Nodes(kind -> CoapFixture.start(tmp, kind));

  static Stream<TestStores.Kind> kinds() {
    return TestServers.kinds();
  }

  @AfterAll
  static void stop() {
    NODES.close();
  }

  @Test
  void contentFormats_areTheOnesIanaRegisteredForRfc9148() {
    // RFC 9148 §8.1 / IANA CoAP Content-Formats: the numbers on the wire, whatever the library.
    assertThat(EstContentFormats.CERTS_ONLY).isEqualTo(281);
    assertThat(EstContentFormats.CSR_ATTRS).isEqualTo(285);
    assertThat(EstContentFormats.PKCS10).isEqualTo(286);
    assertThat(EstContentFormats.PKIX_CERT).isEqualTo(287);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void discovery_listsTheEstResourcesWithTheirResourceTypesAndFormats(TestStores.Kind kind) {
    CoapFixture f = NODES.get(kind);
    try (CoapsClient client = f.anonymous(512)) {
      Request r = client.request(CoAP.Code.GET, "/.well-known/core");
      r.getOptions().addUriQuery("rt=ace.est*");
      CoapResponse response = client.send(r);

      assertThat(response.getCode()).isEqualTo(ResponseCode.CONTENT);
      assertThat(response.getOptions().getContentFormat())
          .isEqualTo(MediaTypeRegistry.APPLICATION_LINK_FORMAT);
      assertThat(response.getResponseText())
          .contains("</.well-known/est/crts>;ct=281;rt=\"ace.est.crts\"")
          .contains("</.well-known/est/sen>;ct=\"281 287\";rt=\"ace.est.sen\"")
          .contains("</.well-known/est/sren>;ct=\"281 287\";rt=\"ace.est.sren\"")
          .contains("</.well-known/est/att>;ct=285;rt=\"ace.est.att\"")
          .doesNotContain("</.well-known/core>");
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void crts_returnsIssuingCaAndRootAsDerCertsOnlyInBlock2Blocks(TestStores.Kind kind) {
    CoapFixture f = NODES.get(kind);
    try (CoapsClient client = f.anonymous(512)) {
      Request r = client.request(CoAP.Code.GET, "/.well-known/est/crts");
      // Early Block2 negotiation (RFC 7959 §2.4): 64-byte blocks, as a constrained device would.
      r.getOptions().setBlock2(BlockOption.size2Szx(64), false, 0);
      CoapResponse response = client.send(r);

      assertThat(response.getCode()).isEqualTo(ResponseCode.CONTENT);
      assertThat(response.getOptions().getContentFormat()).isEqualTo(281);
      byte[] body = response.getPayload();
      assertThat(body.length).isGreaterThan(64 * 4);
      List<X509Certificate> certs = CertsOnly.decode(body);
      assertThat(certs).containsExactlyInAnyOrder(f.node.issuingCa().cert(), f.node.root());
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void crts_withTheLabelForm_servesThatCa_andUnknownLabelsGet404(TestStores.Kind kind) {
    CoapFixture f = NODES.get(kind);
    try (CoapsClient client = f.anonymous(512)) {
      CoapResponse labelled = client.get("/.well-known/est/default/crts");
      CoapResponse unknown = client.get("/.well-known/est/nolabel/crts");

      assertThat(labelled.getCode()).isEqualTo(ResponseCode.CONTENT);
      assertThat(CertsOnly.decode(labelled.getPayload())).contains(f.node.issuingCa().cert());
      assertThat(unknown.getCode()).isEqualTo(ResponseCode.NOT_FOUND);
      assertThat(unknown.getResponseText()).contains("unknown_label");
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void att_returnsTheCsrAttributesAsDer(TestStores.Kind kind) {
    CoapFixture f = NODES.get(kind);
    try (CoapsClient client = f.anonymous(512)) {
      CoapResponse response = client.get("/.well-known/est/att");

      assertThat(response.getCode()).isEqualTo(ResponseCode.CONTENT);
      assertThat(response.getOptions().getContentFormat()).isEqualTo(285);
      assertThat(response.getPayload())
          .isEqualTo(CsrAttributes.der(io.simca.est.codec.SubjectKeyType.EC_P256, false));
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void sen_withTheTokenInTheCsr_issuesAStoredCertificate_sentInBlock1AndBlock2(TestStores.Kind kind)
      throws Exception {
    CoapFixture f = NODES.get(kind);
    DeviceSimulator.Identity id = f.sim();
    KeyPair key = TestCsrs.p256();
    byte[] csr = f.csrWithToken(id, key);
    assertThat(csr.length).as("the CSR needs several 64-byte blocks").isGreaterThan(64 * 8);
    Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);

    CoapResponse response;
    try (CoapsClient client = f.anonymous(64)) {
      response = client.post("/.well-known/est/sen", csr, 286);
    }

    assertThat(response.getCode()).as(response.getResponseText()).isEqualTo(ResponseCode.CHANGED);
    assertThat(response.getOptions().getContentFormat()).isEqualTo(281);
    X509Certificate cert = CertsOnly.decode(response.getPayload()).get(0);
    assertThat(cert.getSubjectX500Principal().getName()).contains("CN=" + id.iccid().value());
    assertThat(cert.getPublicKey()).isEqualTo(key.getPublic());
    cert.verify(f.node.issuingCa().cert().getPublicKey());
    // Durability: the answer came after the row was committed.
    assertThat(f.node.stores().certs().find(cert.getSerialNumber()).orElseThrow().status())
        .isEqualTo(CertStatus.ISSUED);
    assertThat(f.auditSince(before))
        .singleElement()
        .satisfies(e -> assertThat(e.eventType()).isEqualTo("enroll"))
        .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.ALLOW))
        .satisfies(e -> assertThat(e.iccid()).isEqualTo(id.iccid().value()))
        .satisfies(e -> assertThat(e.serial()).isEqualTo(cert.getSerialNumber()))
        .satisfies(e -> assertThat(e.clientAddr()).isEqualTo("127.0.0.1"));
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void sen_withAccept287_returnsTheBareDerCertificate(TestStores.Kind kind) throws Exception {
    CoapFixture f = NODES.get(kind);
    DeviceSimulator.Identity id = f.sim();
    KeyPair key = TestCsrs.p256();
    try (CoapsClient client = f.anonymous(512)) {
      Request r = client.request(CoAP.Code.POST, "/.well-known/est/sen");
      r.getOptions().setContentFormat(286).setAccept(287);
      r.setPayload(f.csrWithToken(id, key));
      CoapResponse response = client.send(r);

      assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
      assertThat(response.getOptions().getContentFormat()).isEqualTo(287);
      X509Certificate cert = certificate(response.getPayload());
      assertThat(cert.getPublicKey()).isEqualTo(key.getPublic());
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void sren_withTheDtlsClientCertificateAndAFreshToken_renews(TestStores.Kind kind)
      throws Exception {
    CoapFixture f = NODES.get(kind);
    DeviceSimulator.Identity id = f.sim();
    KeyPair key = TestCsrs.p256();
    X509Certificate current = enrol(f, id, key);
    X500Name subject = X500Name.getInstance(current.getSubjectX500Principal().getEncoded());
    Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);

    CoapResponse response;
    try (CoapsClient client =
        CoapsClient.withCertificate(
            f.port(),
            f.node.root(),
            256,
            key.getPrivate(),
            List.of(current, f.node.issuingCa().cert()))) {
      response = client.post("/.well-known/est/sren", f.csrWithToken(id, key, subject), 286);
    }

    assertThat(response.getCode()).as(response.getResponseText()).isEqualTo(ResponseCode.CHANGED);
    X509Certificate renewed = CertsOnly.decode(response.getPayload()).get(0);
    assertThat(renewed.getSerialNumber()).isNotEqualTo(current.getSerialNumber());
    assertThat(renewed.getSubjectX500Principal()).isEqualTo(current.getSubjectX500Principal());
    List<AuditEvent> events = f.auditSince(before);
    assertThat(events)
        .singleElement()
        .satisfies(e -> assertThat(e.eventType()).isEqualTo("reenroll"))
        .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.ALLOW));
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void sren_withANewKey_rekeys(TestStores.Kind kind) {
    CoapFixture f = NODES.get(kind);
    DeviceSimulator.Identity id = f.sim();
    KeyPair key = TestCsrs.p256();
    X509Certificate current = enrol(f, id, key);
    KeyPair next = TestCsrs.p256();
    X500Name subject = X500Name.getInstance(current.getSubjectX500Principal().getEncoded());

    try (CoapsClient client =
        CoapsClient.withCertificate(
            f.port(), f.node.root(), 512, key.getPrivate(), List.of(current))) {
      CoapResponse response =
          client.post("/.well-known/est/sren", f.csrWithToken(id, next, subject), 286);

      assertThat(response.getCode()).as(response.getResponseText()).isEqualTo(ResponseCode.CHANGED);
      assertThat(CertsOnly.decode(response.getPayload()).get(0).getPublicKey())
          .isEqualTo(next.getPublic());
    }
  }

  /** Enrols {@code id} over EST-coaps and returns its certificate. */
  static X509Certificate enrol(CoapFixture f, DeviceSimulator.Identity id, KeyPair key) {
    try (CoapsClient client = f.anonymous(512)) {
      CoapResponse response = client.post("/.well-known/est/sen", f.csrWithToken(id, key), 286);
      assertThat(response.getCode()).as(response.getResponseText()).isEqualTo(ResponseCode.CHANGED);
      return CertsOnly.decode(response.getPayload()).get(0);
    }
  }

  private static X509Certificate certificate(byte[] der) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }
}
