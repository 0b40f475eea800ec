package io.simca.ca.server.est;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.store.AuditEvent;
import io.simca.ca.store.AuditOutcome;
import io.simca.ca.store.TestStores;
import io.simca.ca.testing.DeviceSimulator;
import io.simca.ca.testing.TestServers;
import io.simca.est.testing.TestCsrs;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed simpleenroll requests: each gets its status and a short reason (never a 500), and each
 * leaves a deny record in the audit log.
 */
class EstBadInputTest {

  @TempDir static Path tmp;

  private static final EstFixture.Nodes NODES =
      new EstFixture.Nodes(kind -> EstFixture.start(tmp, kind));
  private static final String ICCID = DeviceSimulator.Identity.random().iccid().value();
  private static final String CREDS = EstFixture.basic(ICCID, "eyJhbGciOiJFUzI1NiJ9.e30.c2ln");

  /** One bad request: what to send, what must come back, which reason the audit records. */
  record Case(
      String name,
      Function<EstFixture, HttpResponse<String>> send,
      int status,
      String body,
      String auditReason) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() {
    byte[] good = TestCsrs.der(TestCsrs.p256());
    byte[] badSig = good.clone();
    badSig[badSig.length - 5] ^= 0x01;
    List<Case> cases =
        List.of(
            new Case(
                "empty body",
                f -> f.post("simpleenroll", "application/pkcs10", new byte[0], CREDS),
                400,
                "empty",
                "empty"),
            new Case(
                "not base64",
                f ->
                    f.post(
                        "simpleenroll",
                        "application/pkcs10",
                        bytes("!!!*** not base64 ***!!!"),
                        CREDS),
                400,
                "not_base64",
                "not_base64"),
            new Case(
                "base64 of garbage",
                f ->
                    f.post(
                        "simpleenroll",
                        "application/pkcs10",
                        bytes(
                            Base64.getEncoder()
                                .encodeToString(bytes("this is not DER at all, just text"))),
                        CREDS),
                400,
                "not_pkcs10",
                "not_pkcs10"),
            new Case(
                "truncated DER",
                f -> f.enroll(Arrays.copyOf(good, good.length - 20), CREDS),
                400,
                "truncated",
                "truncated"),
            new Case(
                "CSR with bad signature",
                f -> f.enroll(badSig, CREDS),
                400,
                "bad_signature",
                "bad_signature"),
            new Case(
                "RSA-1024 key",
                f -> f.enroll(TestCsrs.der(TestCsrs.rsa(1024)), CREDS),
                400,
                "weak_key",
                "weak_key"),
            new Case(
                "secp256k1 key",
                f -> f.enroll(TestCsrs.der(TestCsrs.ec("secp256k1")), CREDS),
                400,
                "unsupported_key",
                "unsupported_key"),
            new Case(
                "wrong content type",
                f ->
                    f.post(
                        "simpleenroll",
                        "text/plain",
                        bytes(TestCsrs.base64(TestCsrs.p256())),
                        CREDS),
                415,
                "unsupported_media_type",
                "unsupported_media_type"),
            new Case(
                "oversized body",
                f -> f.post("simpleenroll", "application/pkcs10", new byte[70_000], CREDS),
                413,
                "too large",
                "body_too_large"),
            new Case("no credentials", f -> f.enroll(good, null), 401, "", "credentials_missing"),
            new Case(
                "credentials over 4 KiB",
                f -> f.enroll(good, "Basic " + "A".repeat(5000)),
                400,
                "credentials_too_large",
                "credentials_too_large"),
            new Case(
                "unknown label",
                f ->
                    f.post(
                        "nolabel/simpleenroll",
                        "application/pkcs10",
                        bytes(TestCsrs.base64(TestCsrs.p256())),
                        CREDS),
                404,
                "unknown_label",
                "unknown_label"));
    return TestServers.kinds().flatMap(k -> cases.stream().map(c -> Arguments.of(k, c)));
  }

  @AfterAll
  static void stop() {
    NODES.close();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void simpleEnroll_refusesBadInputWithStatusReasonAndAudit(TestStores.Kind kind, Case c) {
    EstFixture f = NODES.get(kind);
    Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    HttpResponse<String> response = c.send().apply(f);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(c.status());
    assertThat(response.body()).contains(c.body());
    if (c.status() == 401) {
      assertThat(response.headers().allValues("WWW-Authenticate"))
          .containsExactly(EstChallenge.BASIC, EstChallenge.BEARER);
    }
    List<AuditEvent> events = f.auditSince(before);
    assertThat(events)
        .filteredOn(e -> c.auditReason().equals(e.reason()))
        .as("audit events %s", events.stream().map(AuditEvent::reason).toList())
        .singleElement()
        .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.DENY))
        .satisfies(e -> assertThat(e.eventType()).isEqualTo("enroll"));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
