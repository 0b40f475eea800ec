package io.simca.est.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EstBase64Test {

  private static final byte[] DER = randomBytes(300);
  private static final String FLAT = Base64.getEncoder().encodeToString(DER);

  @Test
  void decode_acceptsSingleLineBase64() {
    assertThat(EstBase64.decode(bytes(FLAT))).isEqualTo(DER);
  }

  @Test
  void decode_acceptsCrlfAndLfLineBreaksAndWhitespace() {
    String mime = Base64.getMimeEncoder().encodeToString(DER); // 76 chars + CRLF
    String lf = FLAT.replaceAll("(.{64})", "$1\n") + "\n";
    String spaced = "  " + FLAT.substring(0, 10) + " \t" + FLAT.substring(10) + "\r\n\r\n";
    assertThat(EstBase64.decode(bytes(mime))).isEqualTo(DER);
    assertThat(EstBase64.decode(bytes(lf))).isEqualTo(DER);
    assertThat(EstBase64.decode(bytes(spaced))).isEqualTo(DER);
  }

  @Test
  void decode_acceptsMissingPadding() {
    byte[] der = randomBytes(31);
    String unpadded = Base64.getEncoder().withoutPadding().encodeToString(der);
    assertThat(EstBase64.decode(bytes(unpadded))).isEqualTo(der);
  }

  @ParameterizedTest
  @ValueSource(strings = {"CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST", "PKCS7"})
  void decode_acceptsPemArmour(String label) {
    String pem =
        "-----BEGIN "
            + label
            + "-----\r\n"
            + FLAT.replaceAll("(.{64})", "$1\r\n")
            + "\r\n-----END "
            + label
            + "-----\r\n";
    assertThat(EstBase64.decode(bytes(pem))).isEqualTo(DER);
  }

  @ParameterizedTest
  @CsvSource({
    "'', EMPTY",
    "' \r\n\t ', EMPTY",
    "'not base64!', NOT_BASE64",
    "'abc_def-', NOT_BASE64",
    "'QUJD=QUJD', NOT_BASE64",
    "'A', NOT_BASE64",
    "'-----BEGIN CERTIFICATE REQUEST-----\nQUJD', NOT_BASE64",
  })
  void decode_rejectsEmptyAndNonBase64(String body, EstRequestException.Reason reason) {
    assertThatThrownBy(() -> EstBase64.decode(bytes(body)))
        .isInstanceOf(EstDecodingException.class)
        .extracting(e -> ((EstRequestException) e).reason())
        .isEqualTo(reason);
  }

  @Test
  void decode_rejectsNullAndBinary() {
    assertThatThrownBy(() -> EstBase64.decode((byte[]) null))
        .isInstanceOf(EstDecodingException.class);
    assertThatThrownBy(() -> EstBase64.decode(new byte[] {0x30, (byte) 0x82, 0x01, 0x00}))
        .isInstanceOf(EstDecodingException.class)
        .hasMessage("body is not base64");
  }

  @Test
  void encode_breaksLinesEvery64CharsWithCrlf() {
    String encoded = EstBase64.encode(DER);
    String[] lines = encoded.split("\r\n", -1);
    assertThat(encoded).endsWith("\r\n").doesNotContain("\n\n");
    assertThat(lines[lines.length - 1]).isEmpty();
    for (int i = 0; i < lines.length - 2; i++) {
      assertThat(lines[i]).hasSize(64);
    }
    assertThat(lines[lines.length - 2].length()).isBetween(1, 64);
    assertThat(EstBase64.decode(bytes(encoded))).isEqualTo(DER);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new Random(7).nextBytes(b);
    return b;
  }
}
