package io.simca.ca.pki;

import java.util.Optional;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;

/**
 * RFC 6960 §4.2.2.2.1: simca's responder certificates carry id-pkix-ocsp-nocheck so clients do not
 * ask the responder about itself (they are short-lived instead).
 */
public final class OcspNoCheckLint implements Lint {
  public String name() {
    return "e_ocsp_responder_nocheck_missing";
  }

  public String citation() {
    return "RFC 6960 §4.2.2.2.1";
  }

  public Optional<LintFinding> check(LintInput in) {
    if (in.kind() != CertificateKind.OCSP_RESPONDER) {
      return Optional.empty();
    }
    return in.extension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck).isPresent()
        ? Optional.empty()
        : finding("OCSP responder certificate without id-pkix-ocsp-nocheck");
  }
}
