package io.simca.est.attest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.simca.est.testing.TestCsrs;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;

/**
 * The attestation token verifier (DESIGN.md enrolment step 4) on hostile tokens: every input ends
 * in a verified token or one {@link AttestationException} named by the check that refused it. The
 * verifier's last-resort net (a RuntimeException turned into "token could not be processed") must
 * never be what answers: that would be a check that does not handle its own bad input.
 *
 * <p>Two targets: any string as token (header and encoding checks), and any header and claims JSON
 * correctly signed by the trusted attester (every claim check behind the signature).
 */
class AttestationVerifierFuzzTest {

  /** The verifier's clock; seeds use iat/exp around 1780315200. */
  static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  static final String KID = "att1";
  static final KeyPair ATTESTER = AttestationMinter.generateAttesterKey();
  static final KeyPair DEVICE = TestCsrs.p256();
  static final AttestationVerifier VERIFIER =
      new AttestationVerifier(
          kid ->
              KID.equals(kid)
                  ? Optional.of(new TrustedAttester(KID, KID, ATTESTER.getPublic()))
                  : Optional.empty(),
          AttestationPolicy.DEFAULT,
          Clock.fixed(NOW, ZoneOffset.UTC));

  /** In seeds, stands for the device key's RFC 7638 thumbprint (the key is made per run). */
  static final String JKT_PLACEHOLDER = "${JKT}";

  private static final Base64.Encoder B64U = Base64.getUrlEncoder().withoutPadding();

  @FuzzTest
  void verify_anyToken_endsInATokenOrANamedRefusal(byte[] input) {
    verifyOrRefuse(new String(input, StandardCharsets.ISO_8859_1));
  }

  /** Input: the JWS header JSON, one newline, the claims JSON; signed here with ES256. */
  @FuzzTest
  void verify_signedHeaderAndClaims_endsInATokenOrANamedRefusal(byte[] input) throws Exception {
    String text = new String(input, StandardCharsets.UTF_8);
    int newline = text.indexOf('\n');
    if (newline < 0) {
      return;
    }
    String header = text.substring(0, newline);
    String claims =
        text.substring(newline + 1)
            .replace(JKT_PLACEHOLDER, JwkThumbprint.sha256(DEVICE.getPublic()));
    String signingInput = b64u(header) + "." + b64u(claims);
    verifyOrRefuse(signingInput + "." + B64U.encodeToString(sign(signingInput)));
  }

  private static void verifyOrRefuse(String token) {
    try {
      AttestationToken verified = VERIFIER.verify(token, DEVICE.getPublic(), Optional.empty());
      assertThat(verified.kid()).isEqualTo(KID);
      assertThat(verified.expiresAt()).isAfter(verified.issuedAt());
      assertThat(verified.jkt()).isEqualTo(JwkThumbprint.sha256(DEVICE.getPublic()));
    } catch (AttestationException refused) {
      assertThat(refused.detail()).isNotEqualTo("token could not be processed");
    }
  }

  private static String b64u(String json) {
    return B64U.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** ES256: ECDSA P-256 SHA-256 with the signature as R || S (RFC 7518 §3.4). */
  private static byte[] sign(String signingInput) throws GeneralSecurityException {
    Signature ecdsa = Signature.getInstance("SHA256withECDSAinP1363Format");
    ecdsa.initSign(ATTESTER.getPrivate());
    ecdsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return ecdsa.sign();
  }
}
