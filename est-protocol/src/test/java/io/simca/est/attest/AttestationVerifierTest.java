package io.simca.est.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.simca.est.id.Iccid;
import io.simca.est.id.Imei;
import io.simca.est.id.Imsi;
import io.simca.est.testing.PythonTokenMinter;
import io.simca.est.testing.PythonTokenMinter.Variant;
import io.simca.est.testing.TestCsrs;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AttestationVerifierTest {

  private static final String ICCID = "8944501000000000013";
  private static final String IMSI = "234150000000001";
  private static final String IMEI = "352099001761481";

  private static final KeyPair P256_ATTESTER = TestCsrs.p256();
  private static final KeyPair P384_ATTESTER = TestCsrs.p384();
  private static final KeyPair ED_ATTESTER = TestCsrs.ed25519();
  private static final KeyPair CSR_KEY = TestCsrs.p256();
  private static final PythonTokenMinter PYTHON = PythonTokenMinter.of(P256_ATTESTER.getPrivate());

  private static final Map<String, TrustedAttester> TRUSTED =
      Map.of(
          "att1", new TrustedAttester("att1", "att1", P256_ATTESTER.getPublic()),
          "att384", new TrustedAttester("att384", "att384", P384_ATTESTER.getPublic()),
          "atted", new TrustedAttester("atted", "operator-ed", ED_ATTESTER.getPublic()));

  private final AttestationVerifier verifier = verifierAt(Clock.systemUTC());

  private static AttestationVerifier verifierAt(Clock clock) {
    return new AttestationVerifier(
        kid -> Optional.ofNullable(TRUSTED.get(kid)), AttestationPolicy.defaults(), clock);
  }

  // ---- happy paths -------------------------------------------------------------------

  @Test
  void verify_acceptsEs256TokenMintedByPython() throws Exception {
    String token =
        PYTHON
            .token("att1", ICCID, IMSI, IMEI, CSR_KEY.getPublic())
            .claim("mccmnc", "\"23415\"")
            .claim("apn", "\"iot.example\"")
            .claim("rat", "\"LTE-M\"")
            .mint();
    AttestationToken verified = verifier.verify(token, CSR_KEY.getPublic(), Optional.of(ICCID));
    assertThat(verified.kid()).isEqualTo("att1");
    assertThat(verified.alg()).isEqualTo("ES256");
    assertThat(verified.issuer()).isEqualTo("att1");
    assertThat(verified.iccid()).isEqualTo(Iccid.parse(ICCID));
    assertThat(verified.imsi()).isEqualTo(Imsi.parse(IMSI));
    assertThat(verified.imei()).isEqualTo(Imei.parse(IMEI));
    assertThat(Duration.between(verified.issuedAt(), verified.expiresAt()))
        .isEqualTo(Duration.ofSeconds(120));
    assertThat(verified.jti()).hasSize(22);
    assertThat(verified.jkt()).isEqualTo(JwkThumbprint.sha256(CSR_KEY.getPublic()));
    assertThat(verified.mccmnc()).contains("23415");
    assertThat(verified.apn()).contains("iot.example");
    assertThat(verified.rat()).contains("LTE-M");
  }

  @Test
  void verify_acceptsEs384AndEdDsaTokensMintedByPython() throws Exception {
    String es384 =
        PythonTokenMinter.of(P384_ATTESTER.getPrivate())
            .token("att384", ICCID, IMSI, IMEI, CSR_KEY.getPublic())
            .mint();
    String eddsa =
        PythonTokenMinter.of(ED_ATTESTER.getPrivate())
            .token("atted", ICCID, IMSI, IMEI, CSR_KEY.getPublic())
            .issuer("operator-ed")
            .mint();
    assertThat(verifier.verify(es384, CSR_KEY.getPublic(), Optional.empty()).alg())
        .isEqualTo("ES384");
    assertThat(verifier.verify(eddsa, CSR_KEY.getPublic(), Optional.empty()).alg())
        .isEqualTo("EdDSA");
  }

  @Test
  void verify_acceptsTokensFromTheReferenceMinter() throws Exception {
    KeyPair edCsr = TestCsrs.ed25519();
    String es256 =
        new AttestationMinter("att1", "att1", P256_ATTESTER.getPrivate())
            .mint(
                Iccid.parse(ICCID),
                Imsi.parse(IMSI),
                Imei.parse(IMEI),
                CSR_KEY.getPublic(),
                Duration.ofSeconds(60));
    String es384 =
        new AttestationMinter("att384", "att384", P384_ATTESTER.getPrivate())
            .mint(
                Iccid.parse(ICCID),
                Imsi.parse(IMSI),
                Imei.parse(IMEI),
                CSR_KEY.getPublic(),
                Duration.ofSeconds(60));
    String eddsa =
        new AttestationMinter("atted", "operator-ed", ED_ATTESTER.getPrivate())
            .mint(
                Iccid.parse(ICCID),
                Imsi.parse(IMSI),
                Imei.parse(IMEI),
                edCsr.getPublic(),
                Duration.ofSeconds(60));
    assertThat(verifier.verify(es256, CSR_KEY.getPublic(), Optional.of(ICCID)).alg())
        .isEqualTo("ES256");
    assertThat(verifier.verify(es384, CSR_KEY.getPublic(), Optional.empty()).alg())
        .isEqualTo("ES384");
    assertThat(verifier.verify(eddsa, edCsr.getPublic(), Optional.empty()).alg())
        .isEqualTo("EdDSA");
  }

  @Test
  void verify_toleratesClockSkewWithinPolicy() throws Exception {
    String future =
        PYTHON
            .token("att1", ICCID, IMSI, IMEI, CSR_KEY.getPublic())
            .issuedAt(Duration.ofSeconds(30))
            .mint();
    String stale =
        PYTHON
            .token("att1", ICCID, IMSI, IMEI, CSR_KEY.getPublic())
            .issuedAt(Duration.ofSeconds(-150))
            .mint(); // exp 30 s ago
    assertThat(verifier.verify(future, CSR_KEY.getPublic(), Optional.empty())).isNotNull();
    assertThat(verifier.verify(stale, CSR_KEY.getPublic(), Optional.empty())).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " "})
  void verify_ignoresEmptyBasicUser(String user) throws Exception {
    String token = PYTHON.token("att1", ICCID, IMSI, IMEI, CSR_KEY.getPublic()).mint();
    assertThat(verifier.verify(token, CSR_KEY.getPublic(), Optional.of(user))).isNotNull();
  }

  // ---- every failure -----------------------------------------------------------------

  static Stream<Arguments> brokenTokens() {
    return Stream.of(
        // alg
        broken("alg none", t -> t.variant(Variant.ALG_NONE), AttestationFailure.UNSUPPORTED_ALG),
        broken(
            "HS256 keyed with the public key",
            t -> t.variant(Variant.HS256_WITH_PUBLIC_KEY),
            AttestationFailure.UNSUPPORTED_ALG),
        broken("RS256 header", t -> t.alg("RS256"), AttestationFailure.UNSUPPORTED_ALG),
        broken(
            "ES384 header on a P-256 attester",
            t -> t.alg("ES384"),
            AttestationFailure.UNSUPPORTED_ALG),
        broken(
            "EdDSA header on a P-256 attester",
            t -> t.alg("EdDSA"),
            AttestationFailure.UNSUPPORTED_ALG),
        // typ
        broken("typ JWT", t -> t.typ("JWT"), AttestationFailure.WRONG_TYP),
        broken("typ missing", t -> t.typ(null), AttestationFailure.WRONG_TYP),
        // kid and issuer
        broken(
            "unknown kid",
            t -> t.withoutKid().header("kid", "\"nobody\"").issuer("nobody"),
            AttestationFailure.UNKNOWN_ATTESTER),
        broken(
            "kid missing",
            PythonTokenMinter.Token::withoutKid,
            AttestationFailure.UNKNOWN_ATTESTER),
        broken("wrong iss", t -> t.issuer("someone-else"), AttestationFailure.ISSUER_MISMATCH),
        // signature
        broken(
            "flipped signature bit",
            t -> t.variant(Variant.BAD_SIGNATURE),
            AttestationFailure.BAD_SIGNATURE),
        // time
        broken("expired", PythonTokenMinter.Token::expired, AttestationFailure.TOKEN_EXPIRED),
        broken(
            "not yet valid",
            PythonTokenMinter.Token::notYetValid,
            AttestationFailure.TOKEN_NOT_YET_VALID),
        broken(
            "nbf in the future",
            t -> t.claim("nbf", Long.toString(Instant.now().plusSeconds(600).getEpochSecond())),
            AttestationFailure.TOKEN_NOT_YET_VALID),
        broken(
            "lifetime 301 s",
            t -> t.ttl(Duration.ofSeconds(301)),
            AttestationFailure.TOKEN_LIFETIME_TOO_LONG),
        // claims
        broken("sub missing", t -> t.omit("sub"), AttestationFailure.MISSING_CLAIM),
        broken("imsi missing", t -> t.omit("imsi"), AttestationFailure.MISSING_CLAIM),
        broken("imei missing", t -> t.omit("imei"), AttestationFailure.MISSING_CLAIM),
        broken("iat missing", t -> t.omit("iat"), AttestationFailure.MISSING_CLAIM),
        broken("exp missing", t -> t.omit("exp"), AttestationFailure.MISSING_CLAIM),
        broken("jti missing", t -> t.omit("jti"), AttestationFailure.MISSING_CLAIM),
        broken("cnf missing", t -> t.omit("cnf"), AttestationFailure.MISSING_CLAIM),
        broken("cnf.jkt missing", t -> t.claim("cnf", "{}"), AttestationFailure.MISSING_CLAIM),
        broken("iss missing", t -> t.omit("iss"), AttestationFailure.MISSING_CLAIM),
        broken(
            "sub with bad Luhn",
            t -> t.claim("sub", "\"8944501000000000014\""),
            AttestationFailure.BAD_ICCID),
        broken(
            "imei with bad Luhn",
            t -> t.claim("imei", "\"352099001761482\""),
            AttestationFailure.BAD_IMEI),
        broken("imsi too short", t -> t.claim("imsi", "\"23415\""), AttestationFailure.BAD_IMSI),
        broken(
            "exp as string", t -> t.claim("exp", "\"soon\""), AttestationFailure.MALFORMED_TOKEN),
        broken(
            "sub as number",
            t -> t.claim("sub", "8944501000000000013"),
            AttestationFailure.MALFORMED_TOKEN),
        broken("jti too long", t -> t.jti("j".repeat(129)), AttestationFailure.MALFORMED_TOKEN),
        broken(
            "crit header",
            t -> t.header("crit", "[\"exp\"]").header("exp", "1"),
            AttestationFailure.MALFORMED_TOKEN),
        broken(
            "mccmnc not digits",
            t -> t.claim("mccmnc", "\"234-15\""),
            AttestationFailure.MALFORMED_TOKEN),
        broken(
            "huge claim",
            t -> t.claim("pad", "\"" + "x".repeat(4000) + "\""),
            AttestationFailure.TOKEN_TOO_LARGE),
        // key binding
        broken(
            "jkt of another key",
            t -> t.jkt(JwkThumbprint.sha256(TestCsrs.p256().getPublic())),
            AttestationFailure.KEY_BINDING_MISMATCH));
  }

  private static Arguments broken(
      String name, UnaryOperator<PythonTokenMinter.Token> change, AttestationFailure failure) {
    return Arguments.of(name, change, failure);
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("brokenTokens")
  void verify_rejectsBrokenPythonTokens(
      String name, UnaryOperator<PythonTokenMinter.Token> change, AttestationFailure failure) {
    String token =
        change.apply(PYTHON.token("att1", ICCID, IMSI, IMEI, CSR_KEY.getPublic())).mint();
    assertFails(() -> verifier.verify(token, CSR_KEY.getPublic(), Optional.of(ICCID)), failure);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"abc", "a.b", "a.b.c.d.e", "!!!.e30.", "e30.e30.", "eyJhbGciOiJFUzI1NiJ9..."})
  void verify_rejectsMalformedCompactForms(String token) {
    assertFails(
        () -> verifier.verify(token, CSR_KEY.getPublic(), Optional.empty()),
        AttestationFailure.MALFORMED_TOKEN);
  }

  @Test
  void verify_rejectsOversizedTokenBeforeParsing() {
    assertFails(
        () -> verifier.verify("a".repeat(4097), CSR_KEY.getPublic(), Optional.empty()),
        AttestationFailure.TOKEN_TOO_LARGE);
  }

  @Test
  void verify_rejectsTokenSignedByAnotherKeyUnderATrustedKid() {
    String token =
        PythonTokenMinter.of(TestCsrs.p256().getPrivate())
            .token("att1", ICCID, IMSI, IMEI, CSR_KEY.getPublic())
            .mint();
    assertFails(
        () -> verifier.verify(token, CSR_KEY.getPublic(), Optional.empty()),
        AttestationFailure.BAD_SIGNATURE);
  }

  @Test
  void verify_rejectsTokenForAnotherCsrKey() {
    String token = PYTHON.token("att1", ICCID, IMSI, IMEI, CSR_KEY.getPublic()).mint();
    assertFails(
        () -> verifier.verify(token, TestCsrs.p256().getPublic(), Optional.empty()),
        AttestationFailure.KEY_BINDING_MISMATCH);
  }

  @Test
  void verify_rejectsBasicUserThatIsNotSub() {
    String token = PYTHON.token("att1", ICCID, IMSI, IMEI, CSR_KEY.getPublic()).mint();
    assertFails(
        () -> verifier.verify(token, CSR_KEY.getPublic(), Optional.of("89014103211118510720")),
        AttestationFailure.ICCID_MISMATCH);
  }

  @Test
  void verify_rejectsExpiredTokenByTheInjectedClock() throws Exception {
    String token =
        new AttestationMinter("att1", "att1", P256_ATTESTER.getPrivate())
            .mint(
                Iccid.parse(ICCID),
                Imsi.parse(IMSI),
                Imei.parse(IMEI),
                CSR_KEY.getPublic(),
                Duration.ofSeconds(60));
    Clock later = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(60 + 61));
    Clock earlier = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-62));
    assertFails(
        () -> verifierAt(later).verify(token, CSR_KEY.getPublic(), Optional.empty()),
        AttestationFailure.TOKEN_EXPIRED);
    assertFails(
        () -> verifierAt(earlier).verify(token, CSR_KEY.getPublic(), Optional.empty()),
        AttestationFailure.TOKEN_NOT_YET_VALID);
    assertThat(
            verifierAt(Clock.fixed(Instant.now(), ZoneOffset.UTC))
                .verify(token, CSR_KEY.getPublic(), Optional.empty()))
        .isNotNull();
  }

  @ParameterizedTest
  @EnumSource(AttestationFailure.class)
  void failureCodes_areSnakeCaseOfTheName(AttestationFailure failure) {
    assertThat(failure.code()).isEqualTo(failure.name().toLowerCase()).matches("[a-z_]+");
  }

  @Test
  void exceptionMessage_neverContainsTheToken() {
    String token = PYTHON.token("att1", ICCID, IMSI, IMEI, CSR_KEY.getPublic()).expired().mint();
    assertThatThrownBy(() -> verifier.verify(token, CSR_KEY.getPublic(), Optional.empty()))
        .isInstanceOf(AttestationException.class)
        .hasMessageNotContaining(token)
        .hasMessageNotContaining(token.substring(token.lastIndexOf('.') + 1));
  }

  private static void assertFails(ThrowingCallable call, AttestationFailure failure) {
    assertThatThrownBy(call)
        .isInstanceOf(AttestationException.class)
        .extracting(e -> ((AttestationException) e).failure())
        .isEqualTo(failure);
  }
}
