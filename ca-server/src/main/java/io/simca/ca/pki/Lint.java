package io.simca.ca.pki;

import java.util.Optional;

/**
 * One certificate rule, one class, one cited clause (Boulder/zlint style).
 *
 * <p>Why one per class: each rule gets its own test showing it fires, and a finding names exactly
 * the clause broken, so a refused issuance is explainable.
 */
public interface Lint {

  /** Stable identifier, {@code e_...} in zlint's naming (e = error: issuance refused). */
  String name();

  /** The rule's source, e.g. {@code RFC 5280 §4.2.1.9}. */
  String citation();

  /**
   * A finding when {@code in} breaks the rule; empty when it complies or the rule does not apply.
   */
  Optional<LintFinding> check(LintInput in);

  default Optional<LintFinding> finding(String detail) {
    return Optional.of(new LintFinding(name(), citation(), detail));
  }
}
