package io.simca.est.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.simca.est.codec.EstRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Any Authorization header value (RFC 7235 §2.1, Basic RFC 7617, Bearer RFC 6750) either parses or
 * is refused with {@link EstRequestException}; nothing else may escape, and what parses obeys the
 * rules the engine relies on. Inputs are the header's bytes as HTTP carries them (ISO-8859-1).
 */
class EstCredentialsFuzzTest {

  @FuzzTest
  void parse_endsInCredentialsOrARefusal(byte[] input) {
    String header = new String(input, StandardCharsets.ISO_8859_1);
    Optional<EstCredentials> parsed;
    try {
      parsed = EstCredentials.parse(header);
    } catch (EstRequestException refused) {
      assertThat(refused.reason())
          .isIn(
              EstRequestException.Reason.TOO_LARGE,
              EstRequestException.Reason.MALFORMED_CREDENTIALS);
      return;
    }
    parsed.ifPresent(
        credentials -> {
          assertThat(header.length()).isLessThanOrEqualTo(EstCredentials.MAX_HEADER_CHARS);
          switch (credentials) {
            // RFC 7617 §2: the user-id cannot contain a colon.
            case EstCredentials.Basic basic -> assertThat(basic.user()).doesNotContain(":");
            // A Bearer token is handed on only as a compact JWS (RFC 7515 §7.1).
            case EstCredentials.Bearer bearer ->
                assertThat(bearer.token())
                    .matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*");
          }
        });
  }
}
