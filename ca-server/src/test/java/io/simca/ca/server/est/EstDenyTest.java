package io.simca.ca.server.est;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.store.AuditEvent;
import io.simca.ca.store.AuditOutcome;
import io.simca.ca.store.SimStatus;
import io.simca.ca.store.TestStores;
import io.simca.ca.testing.DeviceSimulator.Identity;
import io.simca.ca.testing.TestServers;
import io.simca.est.attest.AttestationMinter;
import io.simca.est.testing.PythonTokenMinter;
import io.simca.est.testing.TestCsrs;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per deny reason of the enrolment policy, on a node with every optional rule on (TAC
 * allowlist for tenant {@code tacco}, MCC-MNC and APN lists, suspend on IMEI mismatch, two
 * enrolments per SIM per hour). Each asserts the status, the reason in the body and the reason in
 * the audit record; none may be a 500. Tokens come from python (no simca code) unless the case
 * needs the reference minter.
 */
class EstDenyTest {

  @TempDir static Path tmp;

  static final String MCCMNC = "26201";
  static final String APN = "iot.simca";
  static final String YAML =
      """
      policy:
        tacAllowlist: { tacco: ["35209900"] }
        allowedMccMnc: ["26201", "26202"]
        allowedApn: ["iot.simca"]
        suspendOnImeiMismatch: true
      """;

  private static final EstFixture.Nodes NODES =
      new EstFixture.Nodes(
          kind ->
              EstFixture.start(
                  tmp, kind, YAML, Map.of("SIMCA_POLICY_MAX_ENROLLMENTS_PER_HOUR", "2")));

  /** What a case sent last, and whose audit trail to look at. */
  record Attempt(HttpResponse<String> response, String auditIccid) {}

  record Case(String name, Function<EstFixture, Attempt> run, int status, String reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() {
    List<Case> cases =
        List.of(
            malformed(
                "token not three parts",
                (f, id, key) -> raw(f, id, key, "abc.def"),
                "malformed_token"),
            malformed(
                "token bad base64",
                (f, id, key) -> raw(f, id, key, "!!!.###.$$$"),
                "malformed_token"),
            malformed(
                "token bad JSON",
                (f, id, key) -> raw(f, id, key, b64url("{not json") + "." + b64url("{}") + ".c2ln"),
                "malformed_token"),
            deny(
                "alg none",
                (f, id, key) ->
                    send(f, id, key, py(f, id, key).variant(PythonTokenMinter.Variant.ALG_NONE)),
                "unsupported_alg"),
            deny(
                "HS256 with the public key",
                (f, id, key) ->
                    send(
                        f,
                        id,
                        key,
                        py(f, id, key).variant(PythonTokenMinter.Variant.HS256_WITH_PUBLIC_KEY)),
                "unsupported_alg"),
            deny(
                "bad signature",
                (f, id, key) ->
                    send(
                        f,
                        id,
                        key,
                        py(f, id, key).variant(PythonTokenMinter.Variant.BAD_SIGNATURE)),
                "bad_signature"),
            deny(
                "wrong typ",
                (f, id, key) -> send(f, id, key, py(f, id, key).typ("JWT")),
                "wrong_typ"),
            new Case(
                "oversize token",
                f -> {
                  Identity id = f.sim("acme");
                  // The header cap (4 KiB) is hit before the verifier's token cap: unreadable
                  // credentials, no ICCID known.
                  return new Attempt(
                      raw(f, id, TestCsrs.p256(), "eyJ" + "A".repeat(4000) + ".e30.c2ln")
                          .response(),
                      null);
                },
                400,
                "credentials_too_large"),
            deny(
                "expired",
                (f, id, key) -> send(f, id, key, py(f, id, key).expired()),
                "token_expired"),
            deny(
                "not yet valid",
                (f, id, key) -> send(f, id, key, py(f, id, key).notYetValid()),
                "token_not_yet_valid"),
            deny(
                "lifetime too long",
                (f, id, key) -> send(f, id, key, py(f, id, key).ttl(Duration.ofSeconds(900))),
                "token_lifetime_too_long"),
            deny(
                "replayed jti",
                (f, id, key) -> {
                  String token = py(f, id, key).mint();
                  assertThat(raw(f, id, key, token).response().statusCode()).isEqualTo(200);
                  return raw(f, id, key, token);
                },
                "token_replayed"),
            deny(
                "wrong key binding",
                (f, id, key) -> raw(f, id, key, py(f, id, TestCsrs.p256()).mint()),
                "key_binding_mismatch"),
            deny(
                "foreign attester (unknown kid)",
                (f, id, key) ->
                    raw(
                        f,
                        id,
                        key,
                        PythonTokenMinter.of(AttestationMinter.generateAttesterKey().getPrivate())
                            .token(
                                "ghost",
                                id.iccid().value(),
                                id.imsi().value(),
                                id.imei().value(),
                                key.getPublic())
                            .claim("mccmnc", json(MCCMNC))
                            .claim("apn", json(APN))
                            .mint()),
                "unknown_attester"),
            deny(
                "issuer mismatch",
                (f, id, key) -> send(f, id, key, py(f, id, key).issuer("urn:someone-else")),
                "issuer_mismatch"),
            new Case(
                "Basic user is not sub",
                f -> {
                  Identity id = f.sim("acme");
                  Identity other = f.sim("acme");
                  KeyPair key = TestCsrs.p256();
                  return new Attempt(
                      f.enroll(
                          TestCsrs.der(key),
                          EstFixture.basic(other.iccid().value(), py(f, id, key).mint())),
                      other.iccid().value());
                },
                403,
                "iccid_mismatch"),
            new Case(
                "unknown SIM",
                f -> {
                  Identity id = Identity.random();
                  KeyPair key = TestCsrs.p256();
                  return raw(f, id, key, py(f, id, key).mint());
                },
                403,
                "sim_unknown"),
            deny(
                "suspended SIM",
                (f, id, key) -> {
                  f.node
                      .stores()
                      .sims()
                      .updateStatus(id.iccid().value(), SimStatus.SUSPENDED, "test");
                  return send(f, id, key, py(f, id, key));
                },
                "sim_suspended"),
            deny(
                "lost SIM",
                (f, id, key) -> {
                  f.node.stores().sims().updateStatus(id.iccid().value(), SimStatus.LOST, "test");
                  return send(f, id, key, py(f, id, key));
                },
                "sim_lost"),
            new Case(
                "IMEI mismatch against a provisioned IMEI suspends the SIM",
                f -> {
                  Identity provisioned = f.sim(Identity.random(), "acme", true);
                  Identity swapped = provisioned.withImei("35209900");
                  KeyPair key = TestCsrs.p256();
                  Attempt a = raw(f, swapped, key, py(f, swapped, key).mint());
                  assertThat(
                          f.node
                              .stores()
                              .sims()
                              .find(provisioned.iccid().value())
                              .orElseThrow()
                              .status())
                      .isEqualTo(SimStatus.SUSPENDED);
                  return a;
                },
                403,
                "imei_mismatch"),
            deny(
                "IMEI mismatch after the first enrolment locked it",
                (f, id, key) -> {
                  assertThat(raw(f, id, key, py(f, id, key).mint()).response().statusCode())
                      .isEqualTo(200);
                  assertThat(f.node.stores().sims().find(id.iccid().value()).orElseThrow().imei())
                      .isEqualTo(id.imei().value());
                  Identity swapped = id.withImei("35209900");
                  KeyPair other = TestCsrs.p256();
                  return raw(f, swapped, other, py(f, swapped, other).mint());
                },
                "imei_mismatch"),
            new Case(
                "TAC not allowed",
                f -> {
                  Identity id = f.sim(Identity.random("86000000"), "tacco", false);
                  KeyPair key = TestCsrs.p256();
                  return raw(f, id, key, py(f, id, key).mint());
                },
                403,
                "tac_not_allowed"),
            deny(
                "MCC-MNC not allowed",
                (f, id, key) -> send(f, id, key, py(f, id, key).claim("mccmnc", json("31026"))),
                "mccmnc_not_allowed"),
            deny(
                "APN not allowed",
                (f, id, key) -> send(f, id, key, py(f, id, key).claim("apn", json("internet"))),
                "apn_not_allowed"),
            new Case(
                "rate limit",
                f -> {
                  Identity id = f.sim("acme");
                  for (int i = 0; i < 2; i++) {
                    KeyPair key = TestCsrs.p256();
                    assertThat(raw(f, id, key, py(f, id, key).mint()).response().statusCode())
                        .isEqualTo(200);
                  }
                  KeyPair key = TestCsrs.p256();
                  Attempt a = raw(f, id, key, py(f, id, key).mint());
                  long retryAfter =
                      Long.parseLong(
                          a.response().headers().firstValue("Retry-After").orElseThrow());
                  assertThat(retryAfter).isBetween(3500L, 3600L);
                  return a;
                },
                429,
                "rate_limited"),
            new Case(
                "key reuse across SIMs",
                f -> {
                  Identity first = f.sim("acme");
                  Identity second = f.sim("acme");
                  KeyPair key = TestCsrs.p256();
                  assertThat(raw(f, first, key, ref(f, first, key)).response().statusCode())
                      .isEqualTo(200);
                  return raw(f, second, key, ref(f, second, key));
                },
                403,
                "key_reuse"));
    return TestServers.kinds().flatMap(k -> cases.stream().map(c -> Arguments.of(k, c)));
  }

  @AfterAll
  static void stop() {
    NODES.close();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void simpleEnroll_deniesWithReasonAndAudit(TestStores.Kind kind, Case c) {
    EstFixture f = NODES.get(kind);
    java.time.Instant before =
        java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    Attempt attempt = c.run().apply(f);
    HttpResponse<String> response = attempt.response();
    assertThat(response.statusCode()).as(response.body()).isEqualTo(c.status());
    assertThat(response.body()).startsWith(c.reason() + ":");
    AuditEvent audit =
        attempt.auditIccid() == null
            ? f.auditSince(before).stream()
                .filter(e -> c.reason().equals(e.reason()))
                .findFirst()
                .orElseThrow()
            : f.lastAudit(attempt.auditIccid()).orElseThrow();
    assertThat(audit.outcome()).isEqualTo(AuditOutcome.DENY);
    assertThat(audit.reason()).isEqualTo(c.reason());
    assertThat(audit.serial()).isNull();
    if (attempt.auditIccid() == null) {
      return;
    }
    assertThat(
            f.node
                .stores()
                .certs()
                .list(io.simca.ca.store.CertFilter.ALL.withIccid(attempt.auditIccid()), 0, 10))
        .as("no certificate beyond the allowed ones")
        .hasSizeLessThanOrEqualTo(2);
  }

  interface Scenario {
    Attempt run(EstFixture f, Identity id, KeyPair key);
  }

  /** A 403 case on a fresh active SIM of tenant acme with a fresh P-256 key. */
  static Case deny(String name, Scenario scenario, String reason) {
    return new Case(name, f -> scenario.run(f, f.sim("acme"), TestCsrs.p256()), 403, reason);
  }

  /** A token that cannot be read: 400 (a malformed request), not a policy refusal. */
  static Case malformed(String name, Scenario scenario, String reason) {
    return new Case(name, f -> scenario.run(f, f.sim("acme"), TestCsrs.p256()), 400, reason);
  }

  /** A python token that passes this node's network rules unless the case overrides them. */
  static PythonTokenMinter.Token py(EstFixture f, Identity id, KeyPair key) {
    return f.pythonToken(id, key.getPublic()).claim("mccmnc", json(MCCMNC)).claim("apn", json(APN));
  }

  static String ref(EstFixture f, Identity id, KeyPair key) {
    return f.minter.mint(
        id.iccid(),
        id.imsi(),
        id.imei(),
        key.getPublic(),
        Duration.ofSeconds(120),
        Optional.of(MCCMNC),
        Optional.of(APN),
        Optional.empty());
  }

  static Attempt send(EstFixture f, Identity id, KeyPair key, PythonTokenMinter.Token token) {
    return raw(f, id, key, token.mint());
  }

  static Attempt raw(EstFixture f, Identity id, KeyPair key, String token) {
    return new Attempt(
        f.enroll(TestCsrs.der(key), EstFixture.basic(id.iccid().value(), token)),
        id.iccid().value());
  }

  static String json(String s) {
    return "\"" + s + "\"";
  }

  static String b64url(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
