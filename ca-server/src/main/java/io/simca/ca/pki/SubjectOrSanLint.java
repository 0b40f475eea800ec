package io.simca.ca.pki;

import java.util.Optional;
import org.bouncycastle.asn1.x509.Extension;

/**
 * RFC 5280 §4.1.2.6 and §4.2.1.6: if the subject is empty, subjectAltName MUST be present and
 * critical.
 */
public final class SubjectOrSanLint implements Lint {
  public String name() {
    return "e_empty_subject_without_critical_san";
  }

  public String citation() {
    return "RFC 5280 §4.2.1.6";
  }

  public Optional<LintFinding> check(LintInput in) {
    if (in.tbs().getSubject().getRDNs().length > 0) {
      return Optional.empty();
    }
    Optional<Extension> san = in.extension(Extension.subjectAlternativeName);
    if (san.isEmpty()) {
      return finding("empty subject and no subjectAltName");
    }
    return san.get().isCritical()
        ? Optional.empty()
        : finding("empty subject with a non-critical subjectAltName");
  }
}
