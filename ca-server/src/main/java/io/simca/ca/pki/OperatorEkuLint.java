package io.simca.ca.pki;

import java.util.Optional;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;

/**
 * RFC 5280 §4.2.1.12 with simca's operator key purpose: every operator certificate carries {@link
 * OperatorProfile#OPERATOR_KEY_PURPOSE} and no other kind of certificate does, so the admin
 * listener can refuse a device certificate in the TLS handshake by that key purpose alone.
 */
public final class OperatorEkuLint implements Lint {
  public String name() {
    return "e_operator_key_purpose";
  }

  public String citation() {
    return "RFC 5280 §4.2.1.12";
  }

  public Optional<LintFinding> check(LintInput in) {
    boolean carries =
        in.extension(Extension.extendedKeyUsage)
            .filter(
                e ->
                    ExtendedKeyUsage.getInstance(e.getParsedValue())
                        .hasKeyPurposeId(OperatorProfile.OPERATOR_KEY_PURPOSE))
            .isPresent();
    if (in.kind() == CertificateKind.OPERATOR && !carries) {
      return finding("operator certificate without the simca operator key purpose");
    }
    if (in.kind() != CertificateKind.OPERATOR && carries) {
      return finding(in.kind() + " certificate with the simca operator key purpose");
    }
    return Optional.empty();
  }
}
