package io.simca.ca.pki;

import java.util.Optional;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;

/**
 * RFC 5280 §4.2.1.1: the keyIdentifier field of authorityKeyIdentifier MUST be included in all
 * certificates except self-signed ones, and the extension MUST NOT be critical.
 */
public final class AuthorityKeyIdentifierLint implements Lint {
  public String name() {
    return "e_authority_key_identifier_missing";
  }

  public String citation() {
    return "RFC 5280 §4.2.1.1";
  }

  public Optional<LintFinding> check(LintInput in) {
    Optional<Extension> aki = in.extension(Extension.authorityKeyIdentifier);
    if (aki.isPresent() && aki.get().isCritical()) {
      return finding("authorityKeyIdentifier is critical");
    }
    if (in.selfSigned()) {
      return Optional.empty();
    }
    if (aki.isEmpty()
        || AuthorityKeyIdentifier.getInstance(aki.get().getParsedValue()).getKeyIdentifierObject()
            == null) {
      return finding(
          "authorityKeyIdentifier keyIdentifier missing on a certificate that is not self-signed");
    }
    return Optional.empty();
  }
}
