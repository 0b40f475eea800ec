package io.simca.ca.pki;

import java.util.Optional;

/**
 * RFC 5280 §4.1.2.5: the validity period is notBefore through notAfter, so notBefore < notAfter.
 */
public final class ValidityOrderLint implements Lint {
  public String name() {
    return "e_validity_not_before_after_not_after";
  }

  public String citation() {
    return "RFC 5280 §4.1.2.5";
  }

  public Optional<LintFinding> check(LintInput in) {
    var nb = in.tbs().getStartDate().getDate();
    var na = in.tbs().getEndDate().getDate();
    return nb.before(na)
        ? Optional.empty()
        : finding("notBefore " + nb.toInstant() + " is not before notAfter " + na.toInstant());
  }
}
