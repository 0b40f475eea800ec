package io.simca.ca.pki;

import java.util.Optional;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * RFC 5280 §4.2.1.3: keyCertSign MUST NOT be asserted unless basicConstraints cA is asserted; an
 * end-entity certificate therefore never has it.
 */
public final class EndEntityKeyUsageLint implements Lint {
  public String name() {
    return "e_end_entity_key_cert_sign";
  }

  public String citation() {
    return "RFC 5280 §4.2.1.3";
  }

  public Optional<LintFinding> check(LintInput in) {
    if (in.kind().isCa()) {
      return Optional.empty();
    }
    return in.extension(Extension.keyUsage)
        .filter(e -> KeyUsage.getInstance(e.getParsedValue()).hasUsages(KeyUsage.keyCertSign))
        .flatMap(e -> finding("end-entity certificate asserts keyCertSign"));
  }
}
