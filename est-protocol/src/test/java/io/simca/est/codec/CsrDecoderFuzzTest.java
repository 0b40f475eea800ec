package io.simca.est.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * A simpleenroll body is outside input: base64 (RFC 8951) of a PKCS#10 request (RFC 2986), or the
 * DER alone (EST-coaps, RFC 9148). Either it becomes a {@link ParsedCsr} whose proof of possession
 * verified, or it is refused with one {@link EstRequestException}; no other exception may escape
 * (the HTTP layer would answer 500).
 */
class CsrDecoderFuzzTest {

  @FuzzTest
  void decode_endsInACsrOrARefusal(byte[] body) {
    check(() -> CsrDecoder.decode(body));
  }

  @FuzzTest
  void decodeDer_endsInACsrOrARefusal(byte[] der) {
    check(() -> CsrDecoder.decodeDer(der, null));
  }

  private static void check(java.util.function.Supplier<ParsedCsr> decode) {
    ParsedCsr csr;
    try {
      csr = decode.get();
    } catch (EstRequestException refused) {
      assertThat(refused.reason()).isNotNull();
      return;
    }
    assertThat(csr.keyType()).isNotNull();
    assertThat(csr.spkiDer()).isEqualTo(csr.publicKey().getEncoded());
  }
}
