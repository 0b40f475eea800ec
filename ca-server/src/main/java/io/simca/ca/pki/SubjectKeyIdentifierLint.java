package io.simca.ca.pki;

import java.util.Optional;
import org.bouncycastle.asn1.x509.Extension;

/**
 * RFC 5280 §4.2.1.2: MUST in CA certificates, SHOULD in end-entity ones; simca makes it a MUST for
 * all (OCSP and chain building key off it).
 */
public final class SubjectKeyIdentifierLint implements Lint {
  public String name() {
    return "e_subject_key_identifier_missing";
  }

  public String citation() {
    return "RFC 5280 §4.2.1.2";
  }

  public Optional<LintFinding> check(LintInput in) {
    return in.extension(Extension.subjectKeyIdentifier).isPresent()
        ? Optional.empty()
        : finding("subjectKeyIdentifier missing");
  }
}
