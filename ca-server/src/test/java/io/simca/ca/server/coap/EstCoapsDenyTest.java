package io.simca.ca.server.coap;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.revocation.RevocationReason;
import io.simca.ca.revocation.SimRevocationReason;
import io.simca.ca.store.AuditEvent;
import io.simca.ca.store.AuditOutcome;
import io.simca.ca.store.TestStores;
import io.simca.ca.testing.DeviceSimulator;
import io.simca.ca.testing.TestServers;
import io.simca.est.attest.AttestationMinter;
import io.simca.est.codec.CsrToken;
import io.simca.est.testing.TestCsrs;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way an EST-coaps enrolment is refused: the CoAP code RFC 9148 §4.5 maps it to, a short
 * diagnostic payload naming the reason (RFC 7252 §5.5.2), exactly one audit record, and no
 * certificate.
 */
class EstCoapsDenyTest {

  @TempDir static Path tmp;

  private static final CoapFixture.Nodes NODES =
      new CoapFixture.Nodes(kind -> CoapFixture.start(tmp, kind));

  private static final String SEN = "/.well-known/est/sen";
  private static final String SREN = "/.well-known/est/sren";

  /** One refusal: what to send, the code, the reason in the payload and in the audit record. */
  record Case(
      String name,
      Function<CoapFixture, CoapResponse> send,
      ResponseCode code,
      String reason,
      String eventType) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() {
    List<Case> cases =
        List.of(
            enrol(
                "no token in the CSR",
                f -> sen(f, TestCsrs.der(TestCsrs.p256())),
                ResponseCode.UNAUTHORIZED,
                "credentials_missing"),
            enrol(
                "token attribute not one UTF8String",
                f -> {
                  KeyPair key = TestCsrs.p256();
                  return sen(
                      f,
                      TestCsrs.der(
                          TestCsrs.sign(
                              new JcaPKCS10CertificationRequestBuilder(
                                      TestCsrs.subject("x"), key.getPublic())
                                  .addAttribute(CsrToken.OID, new DERPrintableString("x")),
                              key)));
                },
                ResponseCode.BAD_REQUEST,
                "malformed_csr_token"),
            enrol(
                "token bound to another key",
                f -> {
                  DeviceSimulator.Identity id = f.sim();
                  KeyPair key = TestCsrs.p256();
                  return sen(
                      f,
                      TestCsrs.der(
                          TestCsrs.withToken(key, f.token(id, TestCsrs.p256().getPublic()))));
                },
                ResponseCode.FORBIDDEN,
                "key_binding_mismatch"),
            enrol(
                "token from an unknown attester",
                f -> {
                  DeviceSimulator.Identity id = f.sim();
                  KeyPair key = TestCsrs.p256();
                  AttestationMinter stranger =
                      new AttestationMinter(
                          "stranger",
                          "stranger",
                          AttestationMinter.generateAttesterKey().getPrivate());
                  String token =
                      stranger.mint(
                          id.iccid(),
                          id.imsi(),
                          id.imei(),
                          key.getPublic(),
                          Duration.ofSeconds(60));
                  return sen(f, TestCsrs.der(TestCsrs.withToken(key, token)));
                },
                ResponseCode.FORBIDDEN,
                "unknown_attester"),
            enrol(
                "token replayed",
                f -> {
                  DeviceSimulator.Identity id = f.sim();
                  KeyPair key = TestCsrs.p256();
                  byte[] csr = f.csrWithToken(id, key);
                  assertThat(sen(f, csr).getCode()).isEqualTo(ResponseCode.CHANGED);
                  return sen(f, csr);
                },
                ResponseCode.FORBIDDEN,
                "token_replayed"),
            enrol(
                "SIM not in the inventory",
                f -> {
                  KeyPair key = TestCsrs.p256();
                  return sen(f, f.csrWithToken(DeviceSimulator.Identity.random(), key));
                },
                ResponseCode.FORBIDDEN,
                "sim_unknown"),
            enrol(
                "SIM reported lost",
                f -> {
                  DeviceSimulator.Identity id = f.sim();
                  f.node
                      .server()
                      .services()
                      .revocation()
                      .revokeSim(id.iccid().value(), SimRevocationReason.LOST, "test");
                  return sen(f, f.csrWithToken(id, TestCsrs.p256()));
                },
                ResponseCode.FORBIDDEN,
                "sim_lost"),
            enrol(
                "empty payload with a token nowhere",
                f -> sen(f, new byte[0]),
                ResponseCode.BAD_REQUEST,
                "empty"),
            enrol(
                "not DER at all",
                f -> sen(f, "this is not DER".getBytes()),
                ResponseCode.BAD_REQUEST,
                "not_pkcs10"),
            enrol(
                "truncated DER",
                f -> {
                  byte[] good = f.csrWithToken(f.sim(), TestCsrs.p256());
                  return sen(f, Arrays.copyOf(good, good.length - 20));
                },
                ResponseCode.BAD_REQUEST,
                "truncated"),
            enrol(
                "CSR with a bad signature",
                f -> {
                  byte[] good = f.csrWithToken(f.sim(), TestCsrs.p256());
                  good[good.length - 5] ^= 0x01;
                  return sen(f, good);
                },
                ResponseCode.BAD_REQUEST,
                "bad_signature"),
            enrol(
                "RSA-1024 key",
                f -> sen(f, f.csrWithToken(f.sim(), TestCsrs.rsa(1024))),
                ResponseCode.BAD_REQUEST,
                "weak_key"),
            enrol(
                "wrong Content-Format",
                f -> {
                  try (CoapsClient c = f.anonymous(512)) {
                    return c.post(SEN, f.csrWithToken(f.sim(), TestCsrs.p256()), 42);
                  }
                },
                ResponseCode.UNSUPPORTED_CONTENT_FORMAT,
                "unsupported_media_type"),
            enrol(
                "no Content-Format",
                f -> {
                  try (CoapsClient c = f.anonymous(512)) {
                    Request r = c.request(CoAP.Code.POST, SEN);
                    r.setPayload(f.csrWithToken(f.sim(), TestCsrs.p256()));
                    return c.send(r);
                  }
                },
                ResponseCode.UNSUPPORTED_CONTENT_FORMAT,
                "unsupported_media_type"),
            enrol(
                "Accept that is not offered",
                f -> {
                  try (CoapsClient c = f.anonymous(512)) {
                    Request r = c.request(CoAP.Code.POST, SEN);
                    r.getOptions().setContentFormat(286).setAccept(50);
                    r.setPayload(f.csrWithToken(f.sim(), TestCsrs.p256()));
                    return c.send(r);
                  }
                },
                ResponseCode.NOT_ACCEPTABLE,
                "not_acceptable"),
            enrol(
                "unknown label",
                f -> {
                  try (CoapsClient c = f.anonymous(512)) {
                    return c.post(
                        "/.well-known/est/nolabel/sen",
                        f.csrWithToken(f.sim(), TestCsrs.p256()),
                        286);
                  }
                },
                ResponseCode.NOT_FOUND,
                "unknown_label"),
            enrol(
                "CSR over maxBodyBytes, announced by Size1",
                f -> {
                  try (CoapsClient c = f.anonymous(1024)) {
                    return c.post(SEN, new byte[20_000], 286);
                  }
                },
                ResponseCode.REQUEST_ENTITY_TOO_LARGE,
                "body_too_large"),
            enrol(
                "CSR over maxBodyBytes, block by block without Size1",
                f -> blocksWithoutSize1(f),
                ResponseCode.REQUEST_ENTITY_TOO_LARGE,
                "body_too_large"),
            reenrol(
                "no client certificate",
                f -> {
                  try (CoapsClient c = f.anonymous(512)) {
                    return c.post(SREN, f.csrWithToken(f.sim(), TestCsrs.p256()), 286);
                  }
                },
                ResponseCode.FORBIDDEN,
                "reenroll_cert_foreign"),
            reenrol(
                "a self-signed client certificate",
                f -> {
                  DeviceSimulator.Identity id = f.sim();
                  KeyPair key = TestCsrs.p256();
                  X509Certificate self = TestCsrs.selfSigned(key, id.iccid().value());
                  return sren(
                      f,
                      key,
                      self,
                      f.csrWithToken(
                          id,
                          key,
                          X500Name.getInstance(self.getSubjectX500Principal().getEncoded())));
                },
                ResponseCode.FORBIDDEN,
                "reenroll_cert_foreign"),
            reenrol(
                "a revoked client certificate",
                f -> {
                  DeviceSimulator.Identity id = f.sim();
                  KeyPair key = TestCsrs.p256();
                  X509Certificate cert = EstCoapsEnrollmentTest.enrol(f, id, key);
                  f.node
                      .server()
                      .services()
                      .revocation()
                      .revokeCertificate(
                          cert.getSerialNumber(),
                          RevocationReason.KEY_COMPROMISE,
                          Optional.empty(),
                          "test");
                  return sren(f, key, cert, f.csrWithToken(id, key, subject(cert)));
                },
                ResponseCode.FORBIDDEN,
                "reenroll_cert_revoked"),
            reenrol(
                "a CSR subject that is not the certificate's",
                f -> {
                  DeviceSimulator.Identity id = f.sim();
                  KeyPair key = TestCsrs.p256();
                  X509Certificate cert = EstCoapsEnrollmentTest.enrol(f, id, key);
                  return sren(f, key, cert, f.csrWithToken(id, key, new X500Name("CN=other")));
                },
                ResponseCode.FORBIDDEN,
                "reenroll_subject_mismatch"),
            reenrol(
                "no fresh token",
                f -> {
                  DeviceSimulator.Identity id = f.sim();
                  KeyPair key = TestCsrs.p256();
                  X509Certificate cert = EstCoapsEnrollmentTest.enrol(f, id, key);
                  return sren(
                      f,
                      key,
                      cert,
                      TestCsrs.der(
                          TestCsrs.sign(
                              new JcaPKCS10CertificationRequestBuilder(
                                  subject(cert), key.getPublic()),
                              key)));
                },
                ResponseCode.UNAUTHORIZED,
                "credentials_missing"));
    return TestServers.kinds().flatMap(k -> cases.stream().map(c -> Arguments.of(k, c)));
  }

  @AfterAll
  static void stop() {
    NODES.close();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void refusal_hasItsCoapCodeDiagnosticAndOneAuditRecord(TestStores.Kind kind, Case c) {
    CoapFixture f = NODES.get(kind);
    Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);

    CoapResponse response = c.send().apply(f);

    assertThat(response.getCode()).as(response.getResponseText()).isEqualTo(c.code());
    assertThat(response.getOptions().hasContentFormat()).as("diagnostic payload").isFalse();
    if (c.code() != ResponseCode.REQUEST_ENTITY_TOO_LARGE) {
      assertThat(response.getResponseText()).contains(c.reason());
    }
    awaitAudit(f, before, c.reason());
    List<AuditEvent> events = f.auditSince(before);
    assertThat(events)
        .filteredOn(e -> c.reason().equals(e.reason()))
        .as("audit events %s", events.stream().map(AuditEvent::reason).toList())
        .singleElement()
        .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.DENY))
        .satisfies(e -> assertThat(e.eventType()).isEqualTo(c.eventType()))
        .satisfies(e -> assertThat(e.serial()).isNull());
  }

  private static Case enrol(
      String name, Function<CoapFixture, CoapResponse> send, ResponseCode code, String reason) {
    return new Case(name, send, code, reason, "enroll");
  }

  private static Case reenrol(
      String name, Function<CoapFixture, CoapResponse> send, ResponseCode code, String reason) {
    return new Case(name, send, code, reason, "reenroll");
  }

  private static CoapResponse sen(CoapFixture f, byte[] csr) {
    try (CoapsClient c = f.anonymous(512)) {
      return c.post(SEN, csr, 286);
    }
  }

  private static CoapResponse sren(CoapFixture f, KeyPair key, X509Certificate cert, byte[] csr) {
    try (CoapsClient c =
        CoapsClient.withCertificate(
            f.port(), f.node.root(), 512, key.getPrivate(), List.of(cert))) {
      return c.post(SREN, csr, 286);
    }
  }

  private static X500Name subject(X509Certificate cert) {
    return X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
  }

  /**
   * Block1 blocks of 1024 bytes sent one by one with no Size1 (RFC 7959 §2.3 allows leaving it
   * out): the server acknowledges with 2.31 until the reassembly bound, then answers 4.13.
   */
  private static CoapResponse blocksWithoutSize1(CoapFixture f) {
    try (CoapsClient c = CoapsClient.rawBlocks(f.port(), f.node.root())) {
      for (int num = 0; ; num++) {
        Request block = c.request(CoAP.Code.POST, SEN);
        block.getOptions().setContentFormat(286).setBlock1(6, true, num);
        block.setPayload(new byte[1024]);
        CoapResponse response = c.send(block);
        if (response.getCode() != ResponseCode.CONTINUE || num > 20) {
          return response;
        }
      }
    }
  }

  /** Audits of refusals outside the engine (block-wise layer) are written asynchronously. */
  private static void awaitAudit(CoapFixture f, Instant before, String reason) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (f.auditSince(before).stream().noneMatch(e -> reason.equals(e.reason()))
        && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
