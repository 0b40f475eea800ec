package io.simca.ca.pki;

import java.util.Optional;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;

/** RFC 5280 §4.2.1.3: a key that verifies certificate signatures MUST assert keyCertSign. */
public final class CaKeyUsageLint implements Lint {
  public String name() {
    return "e_ca_key_usage_key_cert_sign";
  }

  public String citation() {
    return "RFC 5280 §4.2.1.3";
  }

  public Optional<LintFinding> check(LintInput in) {
    if (!in.kind().isCa()) {
      return Optional.empty();
    }
    Optional<Extension> ext = in.extension(Extension.keyUsage);
    if (ext.isEmpty()
        || !KeyUsage.getInstance(ext.get().getParsedValue()).hasUsages(KeyUsage.keyCertSign)) {
      return finding("CA certificate without keyUsage keyCertSign");
    }
    return Optional.empty();
  }
}
