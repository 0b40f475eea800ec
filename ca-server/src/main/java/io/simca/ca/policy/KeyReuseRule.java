package io.simca.ca.policy;

import io.simca.ca.store.CertificateStore;
import java.util.Optional;

/**
 * Rule 11 ({@code policy.denyKeyReuse}): a key already certified for another SIM (or for a
 * non-device certificate) is not certified again: a cloned device must not inherit another SIM's
 * identity.
 */
final class KeyReuseRule implements Rule {

  private final CertificateStore certs;
  private final boolean enabled;

  KeyReuseRule(CertificateStore certs, boolean enabled) {
    this.certs = certs;
    this.enabled = enabled;
  }

  @Override
  public String name() {
    return "key_reuse";
  }

  @Override
  public Optional<Deny> check(Evaluation e) {
    if (!enabled) {
      return Optional.empty();
    }
    String iccid = e.sim().orElseThrow().iccid();
    if (certs.spkiCertifiedForOtherSim(e.csr().spkiSha256Hex(), iccid)) {
      return Optional.of(
          Deny.forbidden("key_reuse", "this public key is already certified for another SIM"));
    }
    return Optional.empty();
  }
}
