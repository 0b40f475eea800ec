package io.simca.est.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * The attestation token attribute of any CSR that Bouncy Castle accepts as PKCS#10 is read as one
 * token or refused as {@code MALFORMED_CREDENTIALS}; nothing else escapes. Inputs that are not
 * PKCS#10 at all are {@link CsrDecoderFuzzTest}'s business and end here early.
 */
class CsrTokenFuzzTest {

  @FuzzTest
  void read_endsInATokenNothingOrARefusal(byte[] der) {
    PKCS10CertificationRequest request;
    try {
      request =
          new PKCS10CertificationRequest(
              CertificationRequest.getInstance(ASN1Primitive.fromByteArray(der)));
    } catch (Exception notPkcs10) {
      return;
    }
    Optional<String> token;
    try {
      token = CsrToken.read(request);
    } catch (EstRequestException refused) {
      assertThat(refused.reason()).isEqualTo(EstRequestException.Reason.MALFORMED_CREDENTIALS);
      return;
    }
    token.ifPresent(t -> assertThat(t).isNotEmpty().hasSizeLessThanOrEqualTo(CsrToken.MAX_CHARS));
  }
}
