package io.simca.ca.ocsp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.simca.ca.config.ConfigLoader;
import io.simca.ca.error.CaException;
import java.nio.charset.StandardCharsets;

/**
 * OCSP requests are outside input from anyone (RFC 6960 §4.1): a POST body, or a GET path holding
 * the url-encoded base64 of the DER (Appendix A.1). Every input ends in one of the parser's three
 * outcomes, or for a GET in a {@code not_base64} / {@code body_too_large} refusal; no exception
 * escapes (it would be a 500).
 */
class OcspRequestParserFuzzTest {

  static final int MAX_BYTES = new ConfigLoader().defaults().ocsp().maxRequestBytes();

  @FuzzTest
  void parse_postBody_endsInOneOutcome(byte[] body) {
    check(OcspRequestParser.parse(body));
  }

  /** Input: the raw path after {@code /ocsp/}, as the client sent it. */
  @FuzzTest
  void decode_getPath_endsInARefusalOrOneOutcome(byte[] input) {
    String rawTail = new String(input, StandardCharsets.ISO_8859_1);
    byte[] der;
    try {
      der = OcspGetRequest.decode(rawTail, MAX_BYTES);
    } catch (CaException refused) {
      assertThat(refused.reason()).isIn("not_base64", "body_too_large");
      return;
    }
    assertThat(der.length).isLessThanOrEqualTo(MAX_BYTES);
    check(OcspRequestParser.parse(der));
  }

  private static void check(OcspRequestParser.Result result) {
    switch (result) {
      case OcspRequestParser.Parsed parsed ->
          assertThat(parsed.certIds())
              .isNotEmpty()
              .hasSizeLessThanOrEqualTo(OcspRequestParser.MAX_REQUESTS);
      case OcspRequestParser.NotDer notDer -> assertThat(notDer.detail()).isNotBlank();
      case OcspRequestParser.Malformed malformed -> assertThat(malformed.detail()).isNotBlank();
    }
  }
}
