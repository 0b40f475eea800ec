package io.simca.est.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EstMediaTypesTest {

  @Test
  void certsOnly_isTheExactStringLibestCompares() {
    assertThat(EstMediaTypes.PKCS7_CERTS_ONLY)
        .isEqualTo("application/pkcs7-mime; smime-type=certs-only");
    assertThat(EstMediaTypes.CSR_ATTRS).isEqualTo("application/csrattrs");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/pkcs10",
        "Application/PKCS10",
        " application/pkcs10 ",
        "application/pkcs10; charset=us-ascii",
        "application/pkcs10;name=x.p10"
      })
  void isPkcs10_acceptsCaseAndParameters(String header) {
    assertThat(EstMediaTypes.isPkcs10(header)).isTrue();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {"application/pkcs7-mime", "application/pkcs10x", "text/plain", "application/pkcs"})
  void isPkcs10_rejectsOtherTypes(String header) {
    assertThat(EstMediaTypes.isPkcs10(header)).isFalse();
  }

  @Test
  void essence_isTypeAndSubtypeLowerCaseWithoutParameters() {
    assertThat(EstMediaTypes.essence(" Text/CSV ; charset=utf-8")).isEqualTo("text/csv");
    assertThat(EstMediaTypes.essence("application/ocsp-request"))
        .isEqualTo("application/ocsp-request");
    assertThat(EstMediaTypes.essence(null)).isEmpty();
    assertThat(EstMediaTypes.essence(";x=y")).isEmpty();
  }
}
