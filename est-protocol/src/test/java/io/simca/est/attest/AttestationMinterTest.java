package io.simca.est.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.simca.est.id.Iccid;
import io.simca.est.id.Imei;
import io.simca.est.id.Imsi;
import io.simca.est.testing.TestCsrs;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AttestationMinterTest {

  private static final Iccid LONGEST_ICCID = Iccid.parse("8944501000000000001239");
  private static final Imsi IMSI = Imsi.parse("234150000000001");
  private static final Imei IMEI = Imei.parse("352099001761481");
  private static final KeyPair ATTESTER = AttestationMinter.generateAttesterKey();
  private static final KeyPair CSR = TestCsrs.p256();

  /** libest's --auth-token takes 512 characters and silently cuts the rest. */
  @Test
  void mint_es256TokenWithShortKidFitsLibestBearerLimit_withRoomForNetworkClaims() {
    String kid = "0123456789abcdef"; // 16 characters
    AttestationMinter minter = new AttestationMinter(kid, kid, ATTESTER.getPrivate());
    String bare = minter.mint(LONGEST_ICCID, IMSI, IMEI, CSR.getPublic(), Duration.ofSeconds(300));
    assertThat(bare.length()).isEqualTo(481);
    String withServingNetwork =
        minter.mint(
            LONGEST_ICCID,
            IMSI,
            IMEI,
            CSR.getPublic(),
            Duration.ofSeconds(300),
            Optional.of("310260"),
            Optional.empty(),
            Optional.empty());
    assertThat(withServingNetwork.length()).isLessThanOrEqualTo(512);
  }

  @Test
  void mint_writesExactlyAlgTypKidHeader() throws Exception {
    String token =
        new AttestationMinter("att1", "att1", ATTESTER.getPrivate())
            .mint(LONGEST_ICCID, IMSI, IMEI, CSR.getPublic(), Duration.ofSeconds(60));
    Map<String, Object> header =
        JSONObjectUtils.parse(new Base64URL(token.split("\\.")[0]).decodeToString());
    assertThat(header)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("alg", "ES256", "typ", "sim-attestation+jwt", "kid", "att1"));
  }

  @Test
  void mint_capsTtlAt300SecondsAndUsesWholeSeconds() throws Exception {
    Instant now = Instant.parse("2026-11-25T10:00:00.750Z");
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    String token =
        new AttestationMinter("att1", "att1", ATTESTER.getPrivate(), clock)
            .mint(LONGEST_ICCID, IMSI, IMEI, CSR.getPublic(), Duration.ofHours(1));
    AttestationToken verified =
        new AttestationVerifier(
                kid -> Optional.of(new TrustedAttester("att1", "att1", ATTESTER.getPublic())),
                AttestationPolicy.defaults(),
                clock)
            .verify(token, CSR.getPublic(), Optional.empty());
    assertThat(verified.issuedAt()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
    assertThat(Duration.between(verified.issuedAt(), verified.expiresAt()))
        .isEqualTo(AttestationMinter.MAX_TTL);
    assertThat(verified.jti()).matches("[A-Za-z0-9_-]{16}");
  }

  @Test
  void mint_includesOptionalNetworkClaims() {
    String token =
        new AttestationMinter("att1", "att1", ATTESTER.getPrivate())
            .mint(
                LONGEST_ICCID,
                IMSI,
                IMEI,
                CSR.getPublic(),
                Duration.ofSeconds(60),
                Optional.of("23415"),
                Optional.of("iot.example"),
                Optional.of("NB-IoT"));
    String payload = new Base64URL(token.split("\\.")[1]).decodeToString();
    assertThat(payload)
        .contains(
            "\"mccmnc\":\"23415\"",
            "\"apn\":\"iot.example\"",
            "\"rat\":\"NB-IoT\"",
            "\"cnf\":{\"jkt\":\"" + JwkThumbprint.sha256(CSR.getPublic()) + "\"}");
  }

  @Test
  void algorithm_followsTheKey() {
    assertThat(new AttestationMinter("k", "k", ATTESTER.getPrivate()).algorithm())
        .isEqualTo("ES256");
    assertThat(new AttestationMinter("k", "k", TestCsrs.p384().getPrivate()).algorithm())
        .isEqualTo("ES384");
    assertThat(new AttestationMinter("k", "k", TestCsrs.ed25519().getPrivate()).algorithm())
        .isEqualTo("EdDSA");
  }

  @Test
  void constructor_refusesKeysWithoutAnAcceptedAlg() {
    assertThatThrownBy(() -> new AttestationMinter("k", "k", TestCsrs.rsa(2048).getPrivate()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AttestationMinter("k", "k", TestCsrs.ec("secp521r1").getPrivate()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AttestationMinter("", "k", ATTESTER.getPrivate()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tokenHash_isSha256HexOfTheCompactToken() {
    assertThat(AttestationToken.tokenHash("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
