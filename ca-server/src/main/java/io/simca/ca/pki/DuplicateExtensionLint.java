package io.simca.ca.pki;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.Extensions;

/**
 * RFC 5280 §4.2: a certificate MUST NOT include more than one instance of a particular extension.
 */
public final class DuplicateExtensionLint implements Lint {
  public String name() {
    return "e_extension_duplicated";
  }

  public String citation() {
    return "RFC 5280 §4.2";
  }

  public Optional<LintFinding> check(LintInput in) {
    Extensions exts = in.tbs().getExtensions();
    if (exts == null) {
      return Optional.empty();
    }
    Set<ASN1ObjectIdentifier> seen = new HashSet<>();
    for (ASN1ObjectIdentifier oid : exts.getExtensionOIDs()) {
      if (!seen.add(oid)) {
        return finding("extension " + oid + " appears more than once");
      }
    }
    return Optional.empty();
  }
}
