package io.simca.ca.pki;

import java.util.Optional;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * RFC 6960 §4.2.2.2: a delegated responder's certificate MUST include id-kp-OCSPSigning in
 * extendedKeyUsage, or clients reject its responses.
 */
public final class OcspSigningEkuLint implements Lint {
  public String name() {
    return "e_ocsp_responder_eku_missing";
  }

  public String citation() {
    return "RFC 6960 §4.2.2.2";
  }

  public Optional<LintFinding> check(LintInput in) {
    if (in.kind() != CertificateKind.OCSP_RESPONDER) {
      return Optional.empty();
    }
    return in.extension(Extension.extendedKeyUsage)
            .filter(
                e ->
                    ExtendedKeyUsage.getInstance(e.getParsedValue())
                        .hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning))
            .isPresent()
        ? Optional.empty()
        : finding("OCSP responder certificate without EKU id-kp-OCSPSigning");
  }
}
