package io.simca.est.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.simca.est.codec.EstRequestException.Reason;
import io.simca.est.testing.TestCsrs;
import java.io.IOException;
import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.junit.jupiter.api.Test;

class SubjectKeyTypeTest {

  @Test
  void of_classifiesAcceptedKeys() {
    assertThat(SubjectKeyType.of(TestCsrs.p256().getPublic())).isEqualTo(SubjectKeyType.EC_P256);
    assertThat(SubjectKeyType.of(TestCsrs.p384().getPublic())).isEqualTo(SubjectKeyType.EC_P384);
    assertThat(SubjectKeyType.of(TestCsrs.ed25519().getPublic())).isEqualTo(SubjectKeyType.ED25519);
    assertThat(SubjectKeyType.of(TestCsrs.rsa(2048).getPublic()))
        .isEqualTo(SubjectKeyType.RSA_2048);
    assertThat(SubjectKeyType.of(TestCsrs.rsa(3072).getPublic()))
        .isEqualTo(SubjectKeyType.RSA_3072);
  }

  @Test
  void of_labelsOddRsaSizesDownwards() {
    assertThat(SubjectKeyType.of(rsaSpki(oddModulus(2560), BigInteger.valueOf(65537))))
        .isEqualTo(SubjectKeyType.RSA_2048);
    assertThat(SubjectKeyType.of(rsaSpki(oddModulus(4096), BigInteger.valueOf(65537))))
        .isEqualTo(SubjectKeyType.RSA_4096);
  }

  @Test
  void of_refusesSmallRsaAsWeak() {
    assertRefused(
        () -> SubjectKeyType.of(TestCsrs.rsa(1024).getPublic()), Reason.WEAK_KEY, "below 2048");
  }

  @Test
  void of_refusesRsaAbove4096AsUnsupported() {
    assertRefused(
        () -> SubjectKeyType.of(rsaSpki(oddModulus(8192), BigInteger.valueOf(65537))),
        Reason.UNSUPPORTED_KEY,
        "above 4096");
  }

  @Test
  void of_refusesStructurallyWeakRsa() {
    assertRefused(
        () -> SubjectKeyType.of(rsaSpki(oddModulus(2048).clearBit(0), BigInteger.valueOf(65537))),
        Reason.WEAK_KEY,
        "even");
    assertRefused(
        () -> SubjectKeyType.of(rsaSpki(oddModulus(2048), BigInteger.valueOf(3))),
        Reason.WEAK_KEY,
        "exponent");
    assertRefused(
        () -> SubjectKeyType.of(rsaSpki(oddModulus(2048), BigInteger.valueOf(65538))),
        Reason.WEAK_KEY,
        "exponent");
    assertRefused(
        () -> SubjectKeyType.of(rsaSpki(oddModulus(2052), BigInteger.valueOf(65537))),
        Reason.WEAK_KEY,
        "whole number");
    assertRefused(
        () -> SubjectKeyType.of(TestCsrs.rsa(2048, BigInteger.valueOf(3)).getPublic()),
        Reason.WEAK_KEY,
        "exponent");
  }

  @Test
  void of_refusesOtherCurves() {
    assertRefused(
        () -> SubjectKeyType.of(TestCsrs.ec("secp521r1").getPublic()),
        Reason.UNSUPPORTED_KEY,
        "secp521r1");
    assertRefused(
        () -> SubjectKeyType.of(TestCsrs.ec("secp256k1").getPublic()),
        Reason.UNSUPPORTED_KEY,
        "secp256k1");
  }

  @Test
  void of_refusesEcPointOffTheCurve() {
    ECPublicKey key = (ECPublicKey) TestCsrs.p256().getPublic();
    SubjectPublicKeyInfo good = SubjectPublicKeyInfo.getInstance(key.getEncoded());
    byte[] point = good.getPublicKeyData().getOctets();
    point[point.length - 1] ^= 0x01; // y no longer matches x
    SubjectPublicKeyInfo bad = new SubjectPublicKeyInfo(good.getAlgorithm(), point);
    assertRefused(() -> SubjectKeyType.of(bad), Reason.WEAK_KEY, "curve");
  }

  @Test
  void of_refusesEcKeyWithoutNamedCurve() {
    SubjectPublicKeyInfo good =
        SubjectPublicKeyInfo.getInstance(TestCsrs.p256().getPublic().getEncoded());
    SubjectPublicKeyInfo implicit =
        new SubjectPublicKeyInfo(
            new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, DERNull.INSTANCE),
            good.getPublicKeyData().getOctets());
    assertRefused(() -> SubjectKeyType.of(implicit), Reason.UNSUPPORTED_KEY, "name its curve");
  }

  @Test
  void of_refusesInvalidEd25519Point() {
    byte[] raw = new byte[32];
    Arrays.fill(raw, (byte) 0xff); // y >= p: not a canonical point encoding
    SubjectPublicKeyInfo bad =
        new SubjectPublicKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), raw);
    assertRefused(() -> SubjectKeyType.of(bad), Reason.WEAK_KEY, "Ed25519");
  }

  @Test
  void of_refusesOtherAlgorithms() {
    SubjectPublicKeyInfo x25519 =
        new SubjectPublicKeyInfo(
            new AlgorithmIdentifier(EdECObjectIdentifiers.id_X25519), new byte[32]);
    assertRefused(() -> SubjectKeyType.of(x25519), Reason.UNSUPPORTED_KEY, "1.3.101.110");
  }

  @Test
  void jcaSignatureAlgorithm_matchesKeyType() {
    assertThat(SubjectKeyType.EC_P256.jcaSignatureAlgorithm()).isEqualTo("SHA256withECDSA");
    assertThat(SubjectKeyType.EC_P384.jcaSignatureAlgorithm()).isEqualTo("SHA384withECDSA");
    assertThat(SubjectKeyType.ED25519.jcaSignatureAlgorithm()).isEqualTo("Ed25519");
    assertThat(SubjectKeyType.RSA_4096.jcaSignatureAlgorithm()).isEqualTo("SHA256withRSA");
  }

  private static void assertRefused(ThrowingCallable call, Reason reason, String text) {
    assertThatThrownBy(call)
        .isInstanceOf(EstRequestException.class)
        .hasMessageContaining(text)
        .extracting(e -> ((EstRequestException) e).reason())
        .isEqualTo(reason);
  }

  /**
   * An odd number of exactly {@code bits} bits (not a real RSA modulus; SubjectKeyType only checks
   * structure).
   */
  private static BigInteger oddModulus(int bits) {
    return BigInteger.ONE.shiftLeft(bits - 1).add(BigInteger.valueOf(12345));
  }

  private static SubjectPublicKeyInfo rsaSpki(BigInteger n, BigInteger e) {
    try {
      return new SubjectPublicKeyInfo(
          new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
          new RSAPublicKey(n, e));
    } catch (IOException ex) {
      throw new IllegalStateException(ex);
    }
  }
}
