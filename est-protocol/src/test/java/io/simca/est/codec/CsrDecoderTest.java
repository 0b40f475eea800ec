package io.simca.est.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.simca.est.codec.EstRequestException.Reason;
import io.simca.est.testing.TestCsrs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsrDecoderTest {

  private static final KeyPair P256 = TestCsrs.p256();

  @Test
  void decode_acceptsP256CsrAndExposesKey() throws Exception {
    ParsedCsr csr = CsrDecoder.decode(ascii(TestCsrs.base64(P256)));
    assertThat(csr.keyType()).isEqualTo(SubjectKeyType.EC_P256);
    assertThat(csr.publicKey().getEncoded()).isEqualTo(P256.getPublic().getEncoded());
    assertThat(csr.spkiDer()).isEqualTo(P256.getPublic().getEncoded());
    assertThat(csr.spkiSha256Hex())
        .isEqualTo(
            HexFormat.of()
                .formatHex(
                    MessageDigest.getInstance("SHA-256").digest(P256.getPublic().getEncoded())));
    assertThat(csr.challengePassword()).isEmpty();
  }

  static Stream<Arguments> acceptedKeys() {
    return Stream.of(
        Arguments.of(SubjectKeyType.EC_P384, (Supplier<KeyPair>) TestCsrs::p384),
        Arguments.of(SubjectKeyType.ED25519, (Supplier<KeyPair>) TestCsrs::ed25519),
        Arguments.of(SubjectKeyType.RSA_2048, (Supplier<KeyPair>) () -> TestCsrs.rsa(2048)));
  }

  @ParameterizedTest
  @MethodSource("acceptedKeys")
  void decode_acceptsOtherAllowedKeyTypes(SubjectKeyType type, Supplier<KeyPair> keys) {
    assertThat(CsrDecoder.decode(ascii(TestCsrs.base64(keys.get()))).keyType()).isEqualTo(type);
  }

  @Test
  void decode_acceptsPemArmourAndLineBreaks() {
    byte[] der = TestCsrs.der(P256);
    assertThat(CsrDecoder.decode(ascii(TestCsrs.pem(der, "CERTIFICATE REQUEST"))).keyType())
        .isEqualTo(SubjectKeyType.EC_P256);
    assertThat(CsrDecoder.decode(ascii(TestCsrs.pem(der, "NEW CERTIFICATE REQUEST"))).keyType())
        .isEqualTo(SubjectKeyType.EC_P256);
    assertThat(CsrDecoder.decode(ascii(EstBase64.encode(der))).keyType())
        .isEqualTo(SubjectKeyType.EC_P256);
    assertThat(
            CsrDecoder.decode(ascii(Base64.getMimeEncoder().encodeToString(der) + "\n")).keyType())
        .isEqualTo(SubjectKeyType.EC_P256);
  }

  @Test
  void decode_readsChallengePassword() {
    byte[] der = encoded(TestCsrs.csr(P256, "x", "tls-unique-value"));
    assertThat(
            CsrDecoder.decode(ascii(Base64.getEncoder().encodeToString(der))).challengePassword())
        .contains("tls-unique-value");
  }

  static Stream<Arguments> badBodies() {
    byte[] csr = TestCsrs.der(P256);
    byte[] tampered = csr.clone();
    tampered[tampered.length - 1] ^= 0x01; // last byte of the signature value
    byte[] trailing = Arrays.copyOf(csr, csr.length + 2);
    byte[] cert = encodedCert();
    return Stream.of(
        Arguments.of("empty body", new byte[0], Reason.EMPTY),
        Arguments.of("whitespace only", ascii(" \r\n"), Reason.EMPTY),
        Arguments.of("not base64", ascii("this is not base64 at all!"), Reason.NOT_BASE64),
        Arguments.of("raw DER, not base64", csr, Reason.NOT_BASE64),
        Arguments.of(
            "base64 of garbage",
            b64("hello, this is not DER".getBytes(StandardCharsets.US_ASCII)),
            Reason.NOT_PKCS10),
        Arguments.of("base64 of a certificate", b64(cert), Reason.NOT_PKCS10),
        Arguments.of("trailing bytes after DER", b64(trailing), Reason.NOT_PKCS10),
        Arguments.of("truncated DER", b64(Arrays.copyOf(csr, csr.length / 2)), Reason.TRUNCATED),
        Arguments.of("tampered signature", b64(tampered), Reason.BAD_SIGNATURE),
        Arguments.of("too large", new byte[CsrDecoder.MAX_BODY_BYTES + 1], Reason.TOO_LARGE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBodies")
  void decode_refusesBadBodiesWithDistinctReasons(String name, byte[] body, Reason reason) {
    assertThatThrownBy(() -> CsrDecoder.decode(body))
        .isInstanceOf(EstRequestException.class)
        .extracting(e -> ((EstRequestException) e).reason())
        .isEqualTo(reason);
  }

  static Stream<Arguments> refusedKeys() {
    return Stream.of(
        Arguments.of("RSA 1024", (Supplier<KeyPair>) () -> TestCsrs.rsa(1024), Reason.WEAK_KEY),
        Arguments.of(
            "P-521", (Supplier<KeyPair>) () -> TestCsrs.ec("secp521r1"), Reason.UNSUPPORTED_KEY),
        Arguments.of(
            "secp256k1",
            (Supplier<KeyPair>) () -> TestCsrs.ec("secp256k1"),
            Reason.UNSUPPORTED_KEY));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedKeys")
  void decode_refusesDisallowedKeys(String name, Supplier<KeyPair> keys, Reason reason) {
    byte[] body = ascii(TestCsrs.base64(keys.get()));
    assertThatThrownBy(() -> CsrDecoder.decode(body))
        .isInstanceOf(EstRequestException.class)
        .extracting(e -> ((EstRequestException) e).reason())
        .isEqualTo(reason);
  }

  @Test
  void decode_messagesAreShortAndDistinct() {
    byte[] csr = TestCsrs.der(P256);
    String truncated = message(b64(Arrays.copyOf(csr, 40)));
    String garbage = message(b64(new byte[] {1, 2, 3, 4}));
    assertThat(truncated).isEqualTo("CSR DER is truncated");
    assertThat(garbage).isNotEqualTo(truncated).hasSizeLessThan(60);
  }

  private static String message(byte[] body) {
    try {
      CsrDecoder.decode(body);
      throw new AssertionError("accepted");
    } catch (EstRequestException e) {
      return e.getMessage();
    }
  }

  private static byte[] encodedCert() {
    try {
      return TestCsrs.selfSigned(TestCsrs.p256(), "not a csr").getEncoded();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] encoded(PKCS10CertificationRequest csr) {
    try {
      return csr.getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] b64(byte[] der) {
    return ascii(Base64.getEncoder().encodeToString(der));
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
