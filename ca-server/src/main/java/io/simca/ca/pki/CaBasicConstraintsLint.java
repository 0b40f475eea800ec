package io.simca.ca.pki;

import java.util.Optional;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;

/**
 * RFC 5280 §4.2.1.9: CA certificates MUST carry basicConstraints, marked critical, with cA TRUE.
 */
public final class CaBasicConstraintsLint implements Lint {
  public String name() {
    return "e_ca_basic_constraints_critical";
  }

  public String citation() {
    return "RFC 5280 §4.2.1.9";
  }

  public Optional<LintFinding> check(LintInput in) {
    if (!in.kind().isCa()) {
      return Optional.empty();
    }
    Optional<Extension> ext = in.extension(Extension.basicConstraints);
    if (ext.isEmpty()) {
      return finding("CA certificate without basicConstraints");
    }
    if (!ext.get().isCritical()) {
      return finding("CA certificate with non-critical basicConstraints");
    }
    if (!BasicConstraints.getInstance(ext.get().getParsedValue()).isCA()) {
      return finding("CA certificate with basicConstraints cA FALSE");
    }
    return Optional.empty();
  }
}
