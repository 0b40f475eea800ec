package io.simca.ca.pki;

import java.util.Optional;
import org.bouncycastle.asn1.x509.Extension;

/**
 * RFC 5280 §4.2.1.3: conforming CAs SHOULD mark keyUsage critical (and MUST include it in CA
 * certificates); simca requires it present and critical everywhere.
 */
public final class KeyUsageCriticalLint implements Lint {
  public String name() {
    return "e_key_usage_missing_or_not_critical";
  }

  public String citation() {
    return "RFC 5280 §4.2.1.3";
  }

  public Optional<LintFinding> check(LintInput in) {
    Optional<Extension> ku = in.extension(Extension.keyUsage);
    if (ku.isEmpty()) {
      return finding("keyUsage missing");
    }
    return ku.get().isCritical() ? Optional.empty() : finding("keyUsage not critical");
  }
}
