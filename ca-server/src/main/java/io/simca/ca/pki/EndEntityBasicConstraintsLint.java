package io.simca.ca.pki;

import java.util.Optional;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;

/** RFC 5280 §4.2.1.9: an end-entity certificate, if it has basicConstraints, has cA FALSE. */
public final class EndEntityBasicConstraintsLint implements Lint {
  public String name() {
    return "e_end_entity_basic_constraints_ca";
  }

  public String citation() {
    return "RFC 5280 §4.2.1.9";
  }

  public Optional<LintFinding> check(LintInput in) {
    if (in.kind().isCa()) {
      return Optional.empty();
    }
    return in.extension(Extension.basicConstraints)
        .filter(e -> BasicConstraints.getInstance(e.getParsedValue()).isCA())
        .flatMap(e -> finding("end-entity certificate with basicConstraints cA TRUE"));
  }
}
