package io.simca.ca.pki;

import java.util.List;
import java.util.stream.Collectors;

/** A template failed linting, so the issuer's real key never signed it. Carries every finding. */
public final class LintException extends RuntimeException {

  private final transient List<LintFinding> findings;

  public LintException(List<LintFinding> findings) {
    super(
        "certificate refused by lint: "
            + findings.stream().map(LintFinding::toString).collect(Collectors.joining("; ")));
    this.findings = List.copyOf(findings);
  }

  public List<LintFinding> findings() {
    return findings;
  }
}
