package io.simca.est.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.simca.est.testing.Openssl;
import io.simca.est.testing.Processes;
import io.simca.est.testing.TestCsrs;
import java.security.KeyPair;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

class CsrTokenTest {

  private static final String TOKEN = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln";

  @Test
  void tokenInTheCsrSurvivesDecodingAndIsCoveredByTheSignature() throws Exception {
    KeyPair key = TestCsrs.p256();
    byte[] der = TestCsrs.der(TestCsrs.withToken(key, TOKEN));

    ParsedCsr parsed = CsrDecoder.decodeDer(der, null);
    assertThat(parsed.attestationToken()).contains(TOKEN);

    // Flip one byte of the token inside the DER: the proof of possession no longer verifies.
    byte[] tampered = der.clone();
    int at = indexOf(tampered, TOKEN.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    tampered[at + 5] ^= 0x01;
    assertThatThrownBy(() -> CsrDecoder.decodeDer(tampered, null))
        .isInstanceOfSatisfying(
            EstRequestException.class,
            e -> assertThat(e.reason()).isEqualTo(EstRequestException.Reason.BAD_SIGNATURE));
  }

  @Test
  void noAttributeIsNoToken() {
    assertThat(CsrDecoder.decodeDer(TestCsrs.der(TestCsrs.p256()), null).attestationToken())
        .isEmpty();
  }

  @Test
  void aValueThatIsNotOneUtf8StringIsMalformed() {
    KeyPair key = TestCsrs.p256();
    PKCS10CertificationRequest printable =
        TestCsrs.sign(
            new JcaPKCS10CertificationRequestBuilder(TestCsrs.subject("x"), key.getPublic())
                .addAttribute(CsrToken.OID, new DERPrintableString("abc")),
            key);
    assertMalformed(printable);

    PKCS10CertificationRequest twice =
        TestCsrs.sign(
            new JcaPKCS10CertificationRequestBuilder(TestCsrs.subject("x"), key.getPublic())
                .addAttribute(CsrToken.OID, new DERUTF8String("a"))
                .addAttribute(CsrToken.OID, new DERUTF8String("b")),
            key);
    assertMalformed(twice);
  }

  @Test
  void aUtf8StringThatIsNotUtf8IsMalformed() throws Exception {
    // Found by CsrTokenFuzzTest: BC decodes a UTF8String on access and throws on bad bytes.
    KeyPair key = TestCsrs.p256();
    PKCS10CertificationRequest notUtf8 =
        TestCsrs.sign(
            new JcaPKCS10CertificationRequestBuilder(TestCsrs.subject("x"), key.getPublic())
                .addAttribute(
                    CsrToken.OID,
                    ASN1Primitive.fromByteArray(new byte[] {0x0c, 0x02, (byte) 0xc3, 0x28})),
            key);
    assertMalformed(notUtf8);
  }

  @Test
  void builderRefusesEmptyAndOversizedTokens() {
    KeyPair key = TestCsrs.p256();
    var builder = new JcaPKCS10CertificationRequestBuilder(TestCsrs.subject("x"), key.getPublic());
    assertThatThrownBy(() -> CsrToken.addTo(builder, ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CsrToken.addTo(builder, "a".repeat(CsrToken.MAX_CHARS + 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void opensslShowsTheAttribute() {
    Openssl.require();
    byte[] der = TestCsrs.der(TestCsrs.withToken(TestCsrs.p256(), TOKEN));
    Processes.Result r = Openssl.run(der, "req", "-inform", "DER", "-noout", "-text", "-verify");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout() + r.stderr()).contains(CsrToken.OID.getId()).contains(TOKEN);
  }

  private static void assertMalformed(PKCS10CertificationRequest csr) {
    ParsedCsr parsed = CsrDecoder.decodeDer(TestCsrs.der(csr), null);
    assertThatThrownBy(parsed::attestationToken)
        .isInstanceOfSatisfying(
            EstRequestException.class,
            e ->
                assertThat(e.reason()).isEqualTo(EstRequestException.Reason.MALFORMED_CREDENTIALS));
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("needle not found");
  }
}
