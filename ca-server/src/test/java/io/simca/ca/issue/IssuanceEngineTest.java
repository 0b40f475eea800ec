package io.simca.ca.issue;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.error.ErrorKind;
import io.simca.ca.policy.Allow;
import io.simca.ca.policy.AttesterKeys;
import io.simca.ca.policy.Decision;
import io.simca.ca.policy.EnrollmentAuthorizer;
import io.simca.ca.policy.EnrollmentRequest;
import io.simca.ca.policy.SimAttestationAuthorizer;
import io.simca.ca.server.ServerContext;
import io.simca.ca.store.AuditEvent;
import io.simca.ca.store.AuditFilter;
import io.simca.ca.store.CertStatus;
import io.simca.ca.store.OcspCertStatus;
import io.simca.ca.store.OcspResponseRow;
import io.simca.ca.store.SimRow;
import io.simca.ca.store.SimStatus;
import io.simca.ca.store.TestStores;
import io.simca.ca.testing.DeviceSimulator.Identity;
import io.simca.ca.testing.TestServer;
import io.simca.ca.testing.TestServers;
import io.simca.est.attest.AttestationMinter;
import io.simca.est.attest.PemKeys;
import io.simca.est.auth.EstCredentials;
import io.simca.est.testing.TestCsrs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine's ordering guarantees, driven directly on a real node's store and hierarchy. The race
 * "operator revokes the SIM while its certificate is being issued" is produced with a test-only
 * authoriser (STYLE.md item 4) that marks the SIM lost right after allowing it.
 */
class IssuanceEngineTest {

  @TempDir Path tmp;

  static Stream<TestStores.Kind> kinds() {
    return TestServers.kinds();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void simLostDuringIssuance_newCertificateIsRevokedAndDenied(TestStores.Kind kind)
      throws Exception {
    try (TestServer node = TestServers.start(tmp, kind)) {
      ServerContext ctx = node.server().context();
      KeyPair attester = AttestationMinter.generateAttesterKey();
      Files.createDirectories(node.dataDir().attestersDir());
      PemKeys.writePublicKey(node.dataDir().attestersDir().resolve("a1.pem"), attester.getPublic());
      AttestationMinter minter = new AttestationMinter("a1", "a1", attester.getPrivate());
      EnrollmentAuthorizer real =
          new SimAttestationAuthorizer(
              ctx.config().policy(),
              ctx.config().profile(),
              AttesterKeys.load(AttesterKeys.defaultDirs(node.dataDir()), Map.of()),
              ctx.stores(),
              ctx.clock());
      EnrollmentAuthorizer racing =
          request -> {
            Decision d = real.authorize(request);
            if (d instanceof Allow allow && allow.sim().tenant().equals("racy")) {
              ctx.stores()
                  .sims()
                  .updateStatus(allow.sim().iccid(), SimStatus.LOST, "lost while issuing");
            }
            return d;
          };
      List<OcspResponseRow> published = new CopyOnWriteArrayList<>();
      IssuanceEngine engine =
          new IssuanceEngine(
              ctx.config(),
              ctx::hierarchy,
              ctx.stores(),
              racing,
              node.server().services().ocspPresigner(),
              ctx.clock(),
              published::add);

      // A normal issuance publishes its good response.
      EnrollmentOutcome ok = engine.enroll(submission(node, minter, "acme"));
      assertThat(ok).isInstanceOf(EnrollmentOutcome.Issued.class);
      assertThat(published)
          .singleElement()
          .extracting(OcspResponseRow::certStatus)
          .isEqualTo(OcspCertStatus.GOOD);

      // The racing one: signed and stored, then revoked by the re-check, never answered.
      published.clear();
      Submission racy = submissionWithIdentity(node, minter, "racy");
      EnrollmentOutcome outcome = engine.enroll(racy.submission());
      assertThat(outcome)
          .isInstanceOfSatisfying(
              EnrollmentOutcome.Refused.class,
              r -> {
                assertThat(r.error().kind()).isEqualTo(ErrorKind.FORBIDDEN);
                assertThat(r.error().reason()).isEqualTo("sim_lost");
              });
      List<AuditEvent> audit =
          ctx.stores().audit().list(AuditFilter.ALL.withIccid(racy.iccid()), 0, 10);
      AuditEvent deny = audit.get(audit.size() - 1);
      assertThat(deny.reason()).isEqualTo("sim_lost");
      assertThat(deny.serial()).isNotNull();
      assertThat(ctx.stores().certs().find(deny.serial()).orElseThrow().status())
          .isEqualTo(CertStatus.REVOKED);
      assertThat(ctx.stores().certs().find(deny.serial()).orElseThrow().revocationReason())
          .isEqualTo(1); // keyCompromise
      assertThat(ctx.stores().ocsp().find(deny.serial()).orElseThrow().certStatus())
          .isEqualTo(OcspCertStatus.REVOKED);
      assertThat(published)
          .singleElement()
          .extracting(OcspResponseRow::certStatus)
          .isEqualTo(OcspCertStatus.REVOKED);
    }
  }

  record Submission(EnrollmentSubmission submission, String iccid) {}

  private static EnrollmentSubmission submission(
      TestServer node, AttestationMinter minter, String tenant) {
    return submissionWithIdentity(node, minter, tenant).submission();
  }

  private static Submission submissionWithIdentity(
      TestServer node, AttestationMinter minter, String tenant) {
    Identity id = Identity.random();
    node.stores()
        .sims()
        .insertAll(List.of(SimRow.imported(id.iccid().value(), id.imsi().value(), null, tenant)));
    KeyPair key = TestCsrs.p256();
    String token =
        minter.mint(id.iccid(), id.imsi(), id.imei(), key.getPublic(), Duration.ofSeconds(60));
    String auth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (id.iccid().value() + ":" + token).getBytes(StandardCharsets.US_ASCII));
    return new Submission(
        new EnrollmentSubmission(
            EnrollmentRequest.Kind.ENROLL,
            "default",
            TestCsrs.base64(key).getBytes(StandardCharsets.US_ASCII),
            CsrEncoding.BASE64,
            new PresentedCredentials.Read(EstCredentials.parse(auth).orElseThrow()),
            Optional.empty(),
            "127.0.0.1"),
        id.iccid().value());
  }
}
