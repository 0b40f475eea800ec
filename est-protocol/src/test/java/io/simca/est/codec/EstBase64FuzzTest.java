package io.simca.est.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The RFC 8951 §3 base64 layer: any body decodes to bytes or is refused as {@code EMPTY} / {@code
 * NOT_BASE64}; and whatever we encode decodes back to itself.
 */
class EstBase64FuzzTest {

  @FuzzTest
  void decode_endsInBytesOrARefusal(byte[] body) {
    byte[] der;
    try {
      der = EstBase64.decode(body);
    } catch (EstDecodingException refused) {
      assertThat(refused.reason())
          .isIn(EstRequestException.Reason.EMPTY, EstRequestException.Reason.NOT_BASE64);
      return;
    }
    assertThat(der).isNotEmpty();
  }

  @FuzzTest
  void encode_thenDecode_isTheIdentity(byte[] der) {
    if (der.length == 0) {
      return;
    }
    assertThat(EstBase64.decode(EstBase64.encode(der))).isEqualTo(der);
  }
}
