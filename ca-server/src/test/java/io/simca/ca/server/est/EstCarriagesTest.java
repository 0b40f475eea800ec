package io.simca.ca.server.est;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.store.AuditOutcome;
import io.simca.ca.store.TestStores;
import io.simca.ca.testing.DeviceSimulator.Identity;
import io.simca.ca.testing.TestServers;
import io.simca.est.testing.PythonTokenMinter;
import io.simca.est.testing.TestCsrs;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same fault gets the same status and reason whichever carriage brought the token: Basic
 * password (curl, Bouncy Castle), Bearer raw, Bearer base64 (libest), or inside the CSR. Statuses
 * are ones libest knows where RFC 7030 §4.2.3 leaves the choice (400 unreadable, 401 missing); a
 * token that reads but fails a check is a 403 refusal, as DESIGN.md has it.
 */
class EstCarriagesTest {

  @TempDir static Path tmp;

  private static final EstFixture.Nodes NODES =
      new EstFixture.Nodes(kind -> EstFixture.start(tmp, kind));

  /** How the token travels. */
  enum Carriage {
    BASIC,
    BEARER,
    BEARER_BASE64,
    CSR;

    HttpResponse<String> send(EstFixture f, Identity id, KeyPair key, String token) {
      return switch (this) {
        case BASIC -> f.enroll(TestCsrs.der(key), EstFixture.basic(id.iccid().value(), token));
        case BEARER -> f.enroll(TestCsrs.der(key), "Bearer " + token);
        case BEARER_BASE64 ->
            f.enroll(
                TestCsrs.der(key),
                "Bearer "
                    + Base64.getEncoder()
                        .encodeToString(token.getBytes(StandardCharsets.US_ASCII)));
        case CSR -> f.enroll(TestCsrs.der(TestCsrs.withToken(key, token)), null);
      };
    }
  }

  interface TokenFor {
    String mint(EstFixture f, Identity id, KeyPair key);
  }

  record Fault(String name, TokenFor token, int status, String reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> faults() {
    List<Fault> faults =
        List.of(
            new Fault("not a JWS", (f, id, key) -> "not-a-jws", 400, "malformed_token"),
            new Fault(
                "three parts of garbage", (f, id, key) -> "abc.def.ghi", 400, "malformed_token"),
            new Fault(
                "bad signature",
                (f, id, key) ->
                    f.pythonToken(id, key.getPublic())
                        .variant(PythonTokenMinter.Variant.BAD_SIGNATURE)
                        .mint(),
                403,
                "bad_signature"),
            new Fault(
                "token for another key",
                (f, id, key) -> f.pythonToken(id, TestCsrs.p256().getPublic()).mint(),
                403,
                "key_binding_mismatch"),
            new Fault(
                "good token",
                (f, id, key) -> f.pythonToken(id, key.getPublic()).mint(),
                200,
                null));
    return TestServers.kinds()
        .flatMap(
            k ->
                faults.stream()
                    .flatMap(
                        fault -> Stream.of(Carriage.values()).map(c -> Arguments.of(k, fault, c))));
  }

  @AfterAll
  static void stop() {
    NODES.close();
  }

  @ParameterizedTest(name = "{0} {1} as {2}")
  @MethodSource("faults")
  void sameFault_sameAnswer_onEveryCarriage(TestStores.Kind kind, Fault fault, Carriage carriage) {
    EstFixture f = NODES.get(kind);
    Identity id = f.sim("acme");
    KeyPair key = TestCsrs.p256();
    // Same JVM, same clock: no margin, or the previous case's event (a few ms earlier) counts too.
    Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);

    HttpResponse<String> r = carriage.send(f, id, key, fault.token().mint(f, id, key));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(fault.status());
    if (fault.reason() == null) {
      return;
    }
    assertThat(r.body()).startsWith(fault.reason() + ":");
    assertThat(f.auditSince(before))
        .filteredOn(e -> fault.reason().equals(e.reason()))
        .singleElement()
        .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.DENY));
  }

  /** Header syntax nobody can read: 400 for either scheme, never 403. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("unreadableHeaders")
  void unreadableAuthorization_is400_forBasicAndBearer(TestStores.Kind kind, String header) {
    EstFixture f = NODES.get(kind);
    HttpResponse<String> r = f.enroll(TestCsrs.der(TestCsrs.p256()), header);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.body()).startsWith("malformed_credentials:");
  }

  static Stream<Arguments> unreadableHeaders() {
    return TestServers.kinds()
        .flatMap(
            k ->
                Stream.of("Basic !!!", "Basic bm9jb2xvbg==", "Bearer a b", "Bearer a=b")
                    .map(h -> Arguments.of(k, h)));
  }

  /** A scheme with nothing after it (libest without --auth-token) is no credentials: 401. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("emptyHeaders")
  void schemeWithoutCredentials_is401WithTheChallenge(TestStores.Kind kind, String header) {
    EstFixture f = NODES.get(kind);
    HttpResponse<String> r = f.enroll(TestCsrs.der(TestCsrs.p256()), header);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
    assertThat(r.headers().allValues("WWW-Authenticate"))
        .containsExactly(EstChallenge.BASIC, EstChallenge.BEARER);
  }

  static Stream<Arguments> emptyHeaders() {
    return TestServers.kinds()
        .flatMap(
            k ->
                Stream.of("Bearer ", "Basic", "Basic " + b64("8944501000000000013:"))
                    .map(h -> Arguments.of(k, h)));
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
