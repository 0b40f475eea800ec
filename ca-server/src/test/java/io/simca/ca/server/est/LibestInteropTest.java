package io.simca.ca.server.est;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.crypto.KeyFiles;
import io.simca.ca.hierarchy.DataDir;
import io.simca.ca.hierarchy.HierarchyInitializer;
import io.simca.ca.hierarchy.HierarchyService;
import io.simca.ca.hierarchy.InitOptions;
import io.simca.ca.revocation.SimRevocationReason;
import io.simca.ca.store.AuditEvent;
import io.simca.ca.store.AuditOutcome;
import io.simca.ca.store.CertFilter;
import io.simca.ca.store.TestStores;
import io.simca.ca.testing.DeviceSimulator;
import io.simca.ca.testing.DeviceSimulator.Identity;
import io.simca.ca.testing.TestServers;
import io.simca.est.attest.AttestationMinter;
import io.simca.est.codec.CsrAttributes;
import io.simca.est.codec.CsrToken;
import io.simca.est.codec.SubjectKeyType;
import io.simca.est.testing.Processes;
import io.simca.est.testing.PythonTokenMinter;
import io.simca.est.testing.TestCsrs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Sequence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cisco libest's {@code estclient}, unmodified, against a real node with two issuing CAs ({@code
 * default} and {@code fleet2}): cacerts, csrattrs, enrolment with its own CSR and {@code
 * --auth-token} (a python-minted token bound to that CSR's key), re-enrolment over mutual TLS, and
 * the refusals. The client exits 0 whatever happened, so every case judges by the files it writes
 * in {@code -o}, the certificate's content, the audit log and the store.
 */
class LibestInteropTest {

  @TempDir static Path tmp;

  private static final EstFixture.Nodes NODES =
      new EstFixture.Nodes(LibestInteropTest::nodeWithSecondLabel);

  static Stream<TestStores.Kind> kinds() {
    return TestServers.kinds();
  }

  @AfterAll
  static void stop() {
    NODES.close();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void cacerts_writesEachLabelsChain(TestStores.Kind kind) throws IOException {
    EstFixture f = NODES.get(kind);
    Libest libest = Libest.against(f.node);
    X509Certificate root = f.node.root();
    for (String label : List.of("default", "fleet2")) {
      Path out = dir("cacerts-" + label);
      Processes.Result r =
          label.equals("default")
              ? libest.run(out, "-g", "-o", ".")
              : libest.run(out, "-g", "--path-seg", label, "-o", ".");
      Path file = out.resolve("cacert-0-0.pkcs7");
      assertThat(file).as(r.output()).exists();
      X509Certificate issuing =
          f.node.server().context().hierarchy().byLabel(label).orElseThrow().cert();
      assertThat(DeviceSimulator.certificates(Files.readAllBytes(file)))
          .containsExactlyInAnyOrder(issuing, root);
    }

    Path unknown = dir("cacerts-unknown");
    Processes.Result r = libest.run(unknown, "-g", "--path-seg", "nolabel", "-o", ".");
    assertThat(r.output()).contains("EST_ERR_HTTP_NOT_FOUND");
    assertThat(unknown).isEmptyDirectory();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void csrattrs_writesTheAttributesTheServerAdvertises(TestStores.Kind kind) throws IOException {
    EstFixture f = NODES.get(kind);
    Path out = dir("csrattrs");
    Processes.Result r = Libest.against(f.node).run(out, "-a", "-o", ".");
    Path file = out.resolve("csr-0-0.base64");
    assertThat(file).as(r.output()).exists();
    byte[] der = Base64.getMimeDecoder().decode(Files.readAllBytes(file));
    assertThat(der).isEqualTo(CsrAttributes.der(SubjectKeyType.EC_P256, false));
    assertThat(ASN1Sequence.getInstance(der).toString())
        .contains(CsrAttributes.SIM_ATTESTATION_REQUIRED.getId())
        .contains(CsrToken.OID.getId());
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void enrollWithOwnCsrAndBearerToken_thenReenrollOverMutualTls(TestStores.Kind kind)
      throws Exception {
    EstFixture f = NODES.get(kind);
    Libest libest = Libest.against(f.node);
    Identity id = f.sim("acme");
    Path dev = dir("enroll");
    PublicKey key = opensslKeyAndCsr(dev);
    Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);

    Processes.Result enrolled = enroll(libest, dev, f.pythonToken(id, key).mint());

    X509Certificate cert = pem(dev.resolve("out/cert-0-0.pem"), enrolled);
    assertDeviceProfile(f, id, cert, key);
    AuditEvent allow = f.lastAudit(id.iccid().value()).orElseThrow();
    assertThat(allow.outcome()).isEqualTo(AuditOutcome.ALLOW);
    assertThat(allow.eventType()).isEqualTo("enroll");
    assertThat(allow.serial()).isEqualTo(cert.getSerialNumber());
    assertThat(allow.attester()).isEqualTo(EstFixture.KID);
    // libest asked without credentials first; the 401 is audited, and only one certificate came.
    assertThat(f.auditSince(before))
        .filteredOn(e -> "credentials_missing".equals(e.reason()))
        .isNotEmpty();
    assertThat(certsOf(f, id)).hasSize(1);

    Processes.Result renewed = reenroll(libest, dev, f.pythonToken(id, key).mint());

    X509Certificate next = pem(dev.resolve("renew/cert-0-0.pem"), renewed);
    assertDeviceProfile(f, id, next, key);
    assertThat(next.getSerialNumber()).isNotEqualTo(cert.getSerialNumber());
    AuditEvent reenroll = f.lastAudit(id.iccid().value()).orElseThrow();
    assertThat(reenroll.eventType()).isEqualTo("reenroll");
    assertThat(reenroll.outcome()).isEqualTo(AuditOutcome.ALLOW);
    assertThat(reenroll.serial()).isEqualTo(next.getSerialNumber());
  }

  /**
   * A token over libest's 512-character {@code --auth-token} limit travels inside the CSR, which
   * libest sends as it is; no Authorization header is needed then.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void enrollWithTheTokenInsideTheCsr_needsNoAuthToken(TestStores.Kind kind) throws Exception {
    EstFixture f = NODES.get(kind);
    Identity id = f.sim("acme");
    KeyPair key = TestCsrs.p256();
    String token =
        f.pythonToken(id, key.getPublic())
            .claim("mccmnc", "\"310260\"")
            .claim("apn", "\"iot.operator.example\"")
            .claim("rat", "\"NB-IoT\"")
            .mint();
    assertThat(token.length()).isGreaterThan(512);
    Path dev = dir("in-csr");
    Files.writeString(
        dev.resolve("dev.csr"),
        TestCsrs.pem(TestCsrs.der(TestCsrs.withToken(key, token)), "CERTIFICATE REQUEST"));

    Processes.Result r =
        Libest.against(f.node)
            .run(dev, "-e", "-y", "dev.csr", "-o", out(dev, "out"), "--pem-output");

    assertDeviceProfile(f, id, pem(dev.resolve("out/cert-0-0.pem"), r), key.getPublic());
  }

  /**
   * One refused enrolment: how to set it up, the reason audited, what libest reports. A bearer
   * token names no SIM until it verifies, so only refusals after verification are audited under the
   * ICCID.
   */
  record Refusal(
      String name, Scenario scenario, String reason, String libestError, boolean auditNamesSim) {
    @Override
    public String toString() {
      return name;
    }
  }

  interface Scenario {
    /** Sets up the SIM and returns the --auth-token for {@code csrKey}, or null for none. */
    String token(EstFixture f, Identity id, PublicKey csrKey);
  }

  static Stream<Arguments> refusals() {
    List<Refusal> refusals =
        List.of(
            new Refusal(
                "token with a bad signature",
                (f, id, key) ->
                    f.pythonToken(id, key).variant(PythonTokenMinter.Variant.BAD_SIGNATURE).mint(),
                "bad_signature",
                "EST_ERR_UNKNOWN",
                false),
            new Refusal(
                "token from an untrusted attester",
                (f, id, key) ->
                    new AttestationMinter(
                            EstFixture.KID,
                            EstFixture.KID,
                            AttestationMinter.generateAttesterKey().getPrivate())
                        .mint(id.iccid(), id.imsi(), id.imei(), key, Duration.ofSeconds(120)),
                "bad_signature",
                "EST_ERR_UNKNOWN",
                false),
            new Refusal(
                "token for another key",
                (f, id, key) -> f.pythonToken(id, TestCsrs.p256().getPublic()).mint(),
                "key_binding_mismatch",
                "EST_ERR_UNKNOWN",
                false),
            new Refusal(
                "revoked SIM",
                (f, id, key) -> {
                  f.node
                      .server()
                      .services()
                      .revocation()
                      .revokeSim(id.iccid().value(), SimRevocationReason.LOST, "test");
                  return f.pythonToken(id, key).mint();
                },
                "sim_lost",
                "EST_ERR_UNKNOWN",
                true),
            new Refusal(
                "not a token",
                (f, id, key) -> "not-a-jws",
                "malformed_token",
                "EST_ERR_HTTP_BAD_REQ",
                false),
            new Refusal(
                "no token",
                (f, id, key) -> null,
                "credentials_missing",
                "EST_ERR_AUTH_FAIL",
                false));
    return TestServers.kinds().flatMap(k -> refusals.stream().map(r -> Arguments.of(k, r)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("refusals")
  void enroll_refused_isAuditedAndWritesNoCertificate(TestStores.Kind kind, Refusal refusal)
      throws Exception {
    EstFixture f = NODES.get(kind);
    Identity id = f.sim("acme");
    KeyPair key = TestCsrs.p256();
    Path dev = dir("refused");
    Files.writeString(
        dev.resolve("dev.csr"), TestCsrs.pem(TestCsrs.der(key), "CERTIFICATE REQUEST"));
    String token = refusal.scenario().token(f, id, key.getPublic());
    Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);

    Processes.Result r =
        token == null
            ? Libest.against(f.node)
                .run(dev, "-e", "-y", "dev.csr", "-o", out(dev, "out"), "--pem-output")
            : enroll(Libest.against(f.node), dev, token);

    assertThat(dev.resolve("out/cert-0-0.pem")).as(r.output()).doesNotExist();
    assertThat(r.output()).contains(refusal.libestError());
    List<AuditEvent> denials =
        f.auditSince(before).stream()
            .filter(e -> refusal.reason().equals(e.reason()))
            .filter(e -> e.outcome() == AuditOutcome.DENY)
            .toList();
    assertThat(denials).as("audited as %s", refusal.reason()).isNotEmpty();
    if (refusal.auditNamesSim()) {
      assertThat(denials).extracting(AuditEvent::iccid).contains(id.iccid().value());
    }
    assertThat(certsOf(f, id)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void reenroll_afterTheSimWasRevoked_isRefused(TestStores.Kind kind) throws Exception {
    EstFixture f = NODES.get(kind);
    Libest libest = Libest.against(f.node);
    Identity id = f.sim("acme");
    Path dev = dir("revoked");
    PublicKey key = opensslKeyAndCsr(dev);
    Processes.Result enrolled = enroll(libest, dev, f.pythonToken(id, key).mint());
    pem(dev.resolve("out/cert-0-0.pem"), enrolled);
    f.node
        .server()
        .services()
        .revocation()
        .revokeSim(id.iccid().value(), SimRevocationReason.STOLEN, "test");

    Processes.Result r = reenroll(libest, dev, f.pythonToken(id, key).mint());

    assertThat(dev.resolve("renew/cert-0-0.pem")).as(r.output()).doesNotExist();
    AuditEvent denial = f.lastAudit(id.iccid().value()).orElseThrow();
    assertThat(denial.outcome()).isEqualTo(AuditOutcome.DENY);
    assertThat(denial.eventType()).isEqualTo("reenroll");
    assertThat(denial.reason()).isEqualTo("reenroll_cert_revoked");
    assertThat(certsOf(f, id)).hasSize(1);
  }

  /** Subject, SAN, key, lifetime, chain and storage of a device certificate (DESIGN.md). */
  private static void assertDeviceProfile(
      EstFixture f, Identity id, X509Certificate cert, PublicKey key) throws Exception {
    assertThat(cert.getSubjectX500Principal().getName())
        .isEqualTo("CN=" + id.iccid().value() + ",O=acme");
    String imei = id.imei().value();
    assertThat(cert.getSubjectAlternativeNames())
        .containsExactly(
            List.of(
                6,
                "urn:gsma:imei:"
                    + imei.substring(0, 8)
                    + "-"
                    + imei.substring(8, 14)
                    + "-"
                    + imei.substring(14)));
    assertThat(cert.getPublicKey()).isEqualTo(key);
    Duration lifetime =
        Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
    assertThat(lifetime).isEqualTo(Duration.ofHours(24).plusMinutes(5));
    assertThat(Duration.between(Instant.now(), cert.getNotAfter().toInstant()))
        .isBetween(Duration.ofHours(23).plusMinutes(58), Duration.ofHours(24));
    cert.verify(f.node.issuingCa().cert().getPublicKey());
    EstEnrollmentTest.assertStoredWithOcsp(f, cert);
  }

  /** {@code -e -y dev.csr --auth-token token}, writing {@code out/cert-0-0.pem}. */
  private static Processes.Result enroll(Libest libest, Path dev, String token) {
    return libest.run(
        dev, "-e", "-y", "dev.csr", "--auth-token", token, "-o", out(dev, "out"), "--pem-output");
  }

  /**
   * {@code -r} over mTLS with {@code out/cert-0-0.pem} and {@code dev.key}, into {@code renew/}.
   */
  private static Processes.Result reenroll(Libest libest, Path dev, String token) {
    return libest.run(
        dev,
        "-r",
        "-c",
        "out/cert-0-0.pem",
        "-k",
        "dev.key",
        "--auth-token",
        token,
        "-o",
        out(dev, "renew"),
        "--pem-output");
  }

  /** A P-256 key and CSR made by openssl in {@code dev} ({@code dev.key}, {@code dev.csr}). */
  private static PublicKey opensslKeyAndCsr(Path dev) throws IOException {
    EstEnrollmentTest.sh(
        dev,
        "openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout dev.key"
            + " -out dev.csr -subj /CN=ignored");
    return EstEnrollmentTest.csrKey(dev.resolve("dev.csr"));
  }

  private static X509Certificate pem(Path file, Processes.Result run) throws Exception {
    assertThat(file).as("estclient wrote no certificate: %s", run.output()).exists();
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static List<?> certsOf(EstFixture f, Identity id) {
    return f.node.stores().certs().list(CertFilter.ALL.withIccid(id.iccid().value()), 0, 10);
  }

  /** estclient writes into {@code -o} only when the directory exists. */
  private static String out(Path dev, String name) {
    try {
      Files.createDirectories(dev.resolve(name));
      return name;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path dir(String prefix) {
    try {
      return Files.createTempDirectory(tmp, prefix + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A node whose data dir has a second issuing CA, {@code fleet2}, for --path-seg. */
  private static EstFixture nodeWithSecondLabel(TestStores.Kind kind) {
    try {
      Path root = Files.createTempDirectory(tmp, "node-");
      DataDir data = new DataDir(root.resolve("data"));
      new HierarchyInitializer().init(data, InitOptions.defaults());
      new HierarchyService()
          .issueIntermediate(
              data,
              "fleet2",
              KeyFiles.readPassphrase(data.rootPassFile()),
              io.simca.ca.hierarchy.InitOptions.DEFAULT_PUBLIC_URL);
      return EstFixture.on(
          TestServers.startOn(data, TestStores.target(kind, root), Map.<String, String>of()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
