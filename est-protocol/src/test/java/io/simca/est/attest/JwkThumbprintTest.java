package io.simca.est.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.simca.est.testing.PythonTokenMinter;
import io.simca.est.testing.TestCsrs;
import java.security.KeyPair;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JwkThumbprintTest {

  static Stream<Arguments> keys() {
    return Stream.of(
        Arguments.of("P-256", (Supplier<KeyPair>) TestCsrs::p256),
        Arguments.of("P-384", (Supplier<KeyPair>) TestCsrs::p384),
        Arguments.of("Ed25519", (Supplier<KeyPair>) TestCsrs::ed25519),
        Arguments.of("RSA 2048", (Supplier<KeyPair>) () -> TestCsrs.rsa(2048)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keys")
  void sha256_equalsThePythonComputedThumbprint(String name, Supplier<KeyPair> keys) {
    KeyPair keyPair = keys.get();
    assertThat(JwkThumbprint.sha256(keyPair.getPublic()))
        .isEqualTo(PythonTokenMinter.jkt(keyPair.getPublic()));
  }

  @Test
  void sha256_isBase64UrlWithoutPadding() {
    assertThat(JwkThumbprint.sha256(TestCsrs.p256().getPublic())).matches("[A-Za-z0-9_-]{43}");
  }

  @Test
  void sha256_refusesUnsupportedCurves() {
    assertThatThrownBy(() -> JwkThumbprint.sha256(TestCsrs.ec("secp256k1").getPublic()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
