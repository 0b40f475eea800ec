package io.simca.est.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.simca.est.codec.EstRequestException;
import io.simca.est.codec.EstRequestException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EstCredentialsTest {

  private static final String JWS =
      "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiI4OTQ0NTAxMDAwMDAwMDAwMDEzIn0.c2lnbmF0dXJl";

  @Test
  void parse_readsBasicUserAndPassword() {
    EstCredentials credentials =
        EstCredentials.parse("Basic " + basic("8944501000000000013:" + JWS)).orElseThrow();
    assertThat(credentials).isEqualTo(new EstCredentials.Basic("8944501000000000013", JWS));
    assertThat(credentials.attestationToken()).contains(JWS);
  }

  @Test
  void parse_keepsColonsInBasicPassword() {
    EstCredentials.Basic basic =
        (EstCredentials.Basic) EstCredentials.parse("basic " + basic("u:p:a:ss")).orElseThrow();
    assertThat(basic.user()).isEqualTo("u");
    assertThat(basic.password()).isEqualTo("p:a:ss");
  }

  @Test
  void parse_basicWithEmptyPasswordHasNoToken() {
    assertThat(
            EstCredentials.parse("Basic " + basic("8944501000000000013:"))
                .orElseThrow()
                .attestationToken())
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer ", "bearer ", "BEARER ", "Bearer   "})
  void parse_acceptsRawBearerJwsWithAnySchemeCase(String prefix) {
    EstCredentials credentials = EstCredentials.parse(prefix + JWS).orElseThrow();
    assertThat(credentials).isEqualTo(new EstCredentials.Bearer(JWS));
    assertThat(credentials.attestationToken()).contains(JWS);
  }

  @Test
  void parse_unwrapsBase64BearerAsSentByLibest() {
    String wrapped = Base64.getEncoder().encodeToString(JWS.getBytes(StandardCharsets.US_ASCII));
    assertThat(EstCredentials.parse("Bearer " + wrapped)).contains(new EstCredentials.Bearer(JWS));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {"   ", "Digest username=\"x\"", "Negotiate abc", "Bearer", "Bearer  ", "Basic"})
  void parse_returnsEmptyForMissingOrForeignSchemes(String header) {
    assertThat(EstCredentials.parse(header)).isEmpty();
  }

  @Test
  void parse_refusesCredentialsOver4KiB() {
    String header = "Bearer " + "a".repeat(4096);
    assertThatThrownBy(() -> EstCredentials.parse(header))
        .isInstanceOf(EstRequestException.class)
        .extracting(e -> ((EstRequestException) e).reason())
        .isEqualTo(Reason.TOO_LARGE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Basic !!!notbase64",
        "Basic bm9jb2xvbg==", // "nocolon"
        "Basic /w==", // 0xff: not UTF-8
        "Bearer not a token",
        "Bearer a=b",
        "Bearer \u00e9t\u00e9",
      })
  void parse_refusesMalformedCredentials(String header) {
    assertThatThrownBy(() -> EstCredentials.parse(header))
        .isInstanceOf(EstRequestException.class)
        .extracting(e -> ((EstRequestException) e).reason())
        .isEqualTo(Reason.MALFORMED_CREDENTIALS);
  }

  /**
   * A token68 that is no JWS goes to the verifier as it came, so a broken token is {@code
   * malformed_token} whether it came as Basic password, Bearer or CSR attribute.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "bm90IGEgand0", // base64 of "not a jwt"
        "a.b",
        "a.b.c.d.e",
        "abc~def",
      })
  void parse_passesBearerTokensItCannotReadToTheVerifier(String token) {
    assertThat(EstCredentials.parse("Bearer " + token)).contains(new EstCredentials.Bearer(token));
  }

  @Test
  void toString_neverShowsTheToken() {
    assertThat(new EstCredentials.Basic("8944501000000000013", JWS).toString())
        .doesNotContain(JWS)
        .contains("8944501000000000013");
    assertThat(new EstCredentials.Bearer(JWS).toString()).doesNotContain(JWS);
  }

  private static String basic(String userPass) {
    return Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
  }
}
