package io.simca.ca.pki;

import java.util.Optional;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * RFC 5280 §4.2.1.12 with DESIGN.md: device certificates carry EKU id-kp-clientAuth, or mTLS
 * re-enrolment (RFC 7030 §3.3.2) fails at the TLS layer (the OpenXPKI #928 lesson).
 */
public final class DeviceClientAuthLint implements Lint {
  public String name() {
    return "e_device_eku_client_auth_missing";
  }

  public String citation() {
    return "RFC 5280 §4.2.1.12";
  }

  public Optional<LintFinding> check(LintInput in) {
    if (in.kind() != CertificateKind.DEVICE) {
      return Optional.empty();
    }
    return in.extension(Extension.extendedKeyUsage)
            .filter(
                e ->
                    ExtendedKeyUsage.getInstance(e.getParsedValue())
                        .hasKeyPurposeId(KeyPurposeId.id_kp_clientAuth))
            .isPresent()
        ? Optional.empty()
        : finding("device certificate without EKU clientAuth");
  }
}
