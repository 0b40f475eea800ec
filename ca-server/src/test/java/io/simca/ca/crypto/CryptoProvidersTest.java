package io.simca.ca.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CryptoProvidersTest {

  private static final byte[] MESSAGE = "to be signed".getBytes(StandardCharsets.UTF_8);

  @Test
  @EnabledOnOs(OS.LINUX)
  void choosesAccp_whenHealthyOnLinuxX86_64() {
    org.junit.jupiter.api.Assumptions.assumeTrue("amd64".equals(System.getProperty("os.arch")));
    CryptoProviders p = CryptoProviders.get();
    assertThat(p.isAccelerated()).isTrue();
    assertThat(p.name()).isEqualTo("AmazonCorrettoCryptoProvider");
    assertThat(p.signature("SHA256withECDSA").getProvider().getName())
        .isEqualTo("AmazonCorrettoCryptoProvider");
  }

  @Test
  void jdkOnly_usesJdkProviders() {
    CryptoProviders p = CryptoProviders.jdkOnly();
    assertThat(p.isAccelerated()).isFalse();
    assertThat(p.signature("SHA256withECDSA").getProvider().getName()).isEqualTo("SunEC");
    assertThat(p.keyPairGenerator("RSA").getProvider().getName()).isEqualTo("SunRsaSign");
  }

  @ParameterizedTest
  @EnumSource(
      value = KeyType.class,
      names = {"EC_P256", "EC_P384", "ED25519", "RSA_2048"})
  void signaturesFromOneProvider_verifyWithTheOther(KeyType type) throws Exception {
    CryptoProviders fast = CryptoProviders.get();
    CryptoProviders jdk = CryptoProviders.jdkOnly();
    String alg = type.signatureAlgorithm();

    KeyPair fastKeys = type.generate(fast);
    assertThat(verify(jdk, alg, fastKeys, sign(fast, alg, fastKeys))).isTrue();

    KeyPair jdkKeys = type.generate(jdk);
    assertThat(verify(fast, alg, jdkKeys, sign(jdk, alg, jdkKeys))).isTrue();
  }

  @ParameterizedTest
  @EnumSource(
      value = KeyType.class,
      names = {"EC_P256", "ED25519", "RSA_2048"})
  void contentSigner_roundTripsThroughVerifierProvider(KeyType type) throws Exception {
    CryptoProviders p = CryptoProviders.get();
    KeyPair kp = type.generate(p);
    var signer = p.contentSigner(kp.getPrivate(), type.signatureAlgorithm());
    signer.getOutputStream().write(MESSAGE);
    byte[] sig = signer.getSignature();
    var verifier = p.verifierProvider(kp.getPublic()).get(signer.getAlgorithmIdentifier());
    verifier.getOutputStream().write(MESSAGE);
    assertThat(verifier.verify(sig)).isTrue();
  }

  @Test
  void keyType_detectsCurvesAndSizes() {
    CryptoProviders p = CryptoProviders.get();
    for (KeyType t :
        new KeyType[] {KeyType.EC_P256, KeyType.EC_P384, KeyType.ED25519, KeyType.RSA_2048}) {
      KeyPair kp = t.generate(p);
      assertThat(KeyType.of(kp.getPublic())).isEqualTo(t);
      assertThat(KeyType.of(kp.getPrivate())).isEqualTo(t);
    }
  }

  private static byte[] sign(CryptoProviders p, String alg, KeyPair kp) throws Exception {
    Signature s = p.signature(alg);
    s.initSign(kp.getPrivate());
    s.update(MESSAGE);
    return s.sign();
  }

  private static boolean verify(CryptoProviders p, String alg, KeyPair kp, byte[] sig)
      throws Exception {
    Signature s = p.signature(alg);
    s.initVerify(kp.getPublic());
    s.update(MESSAGE);
    return s.verify(sig);
  }
}
