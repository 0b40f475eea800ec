package io.simca.est.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.simca.est.testing.Openssl;
import io.simca.est.testing.Processes;
import io.simca.est.testing.TestCsrs;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.junit.jupiter.api.Test;

class CertsOnlyTest {

  private static final X509Certificate ROOT = TestCsrs.selfSigned(TestCsrs.p384(), "Test Root");
  private static final X509Certificate ISSUING =
      TestCsrs.selfSigned(TestCsrs.p256(), "Test Issuing");

  @Test
  void decode_readsWhatEncodeWrites() {
    List<X509Certificate> certs = List.of(ISSUING, ROOT);
    assertThat(CertsOnly.decode(CertsOnly.encodeDer(certs))).containsExactlyElementsOf(certs);
    assertThat(CertsOnly.decode(ascii(CertsOnly.encodeBase64(certs))))
        .containsExactlyElementsOf(certs);
  }

  @Test
  void encodeDer_isDegenerateSignedDataWithoutSignersOrContent() {
    ContentInfo info = ContentInfo.getInstance(CertsOnly.encodeDer(List.of(ROOT)));
    assertThat(info.getContentType()).isEqualTo(CMSObjectIdentifiers.signedData);
    SignedData signedData = SignedData.getInstance(info.getContent());
    assertThat(signedData.getSignerInfos().size()).isZero();
    assertThat(signedData.getEncapContentInfo().getContent()).isNull();
    assertThat(signedData.getCertificates().size()).isEqualTo(1);
  }

  @Test
  void encodeBase64_usesCrlfLines() {
    String body = CertsOnly.encodeBase64(List.of(ISSUING, ROOT));
    assertThat(body.split("\r\n")[0]).hasSize(64);
  }

  @Test
  void opensslPrintsTheEncodedCertificates() {
    Openssl.require();
    Processes.Result result =
        Openssl.run(
            CertsOnly.encodeDer(List.of(ISSUING, ROOT)), "pkcs7", "-inform", "DER", "-print_certs");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    // openssl 1.1 prints "CN = x", 3.x may print "CN=x".
    assertThat(result.stdout().replace(" = ", "="))
        .contains("subject=CN=Test Issuing", "subject=CN=Test Root");
  }

  @Test
  void decode_acceptsPemArmour() {
    String pem =
        "-----BEGIN PKCS7-----\n" + CertsOnly.encodeBase64(List.of(ROOT)) + "-----END PKCS7-----\n";
    assertThat(CertsOnly.decode(ascii(pem))).containsExactly(ROOT);
  }

  @Test
  void encodeDer_refusesEmptyList() {
    assertThatThrownBy(() -> CertsOnly.encodeDer(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decode_refusesNonPkcs7() {
    assertThatThrownBy(() -> CertsOnly.decode(ascii("aGVsbG8gd29ybGQ=")))
        .isInstanceOf(EstRequestException.class)
        .extracting(e -> ((EstRequestException) e).reason())
        .isEqualTo(EstRequestException.Reason.NOT_PKCS7);
    assertThatThrownBy(() -> CertsOnly.decode(new byte[0]))
        .extracting(e -> ((EstRequestException) e).reason())
        .isEqualTo(EstRequestException.Reason.EMPTY);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
