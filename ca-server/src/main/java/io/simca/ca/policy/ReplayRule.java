package io.simca.ca.policy;

import io.simca.ca.store.JtiReplayCache;
import io.simca.est.attest.AttestationToken;
import java.util.Optional;

/**
 * Rule 5: each token is used once, on any node sharing the store ({@code (iss, jti)} burnt in the
 * replay cache until {@code exp}).
 */
final class ReplayRule implements Rule {

  private final JtiReplayCache jtis;

  ReplayRule(JtiReplayCache jtis) {
    this.jtis = jtis;
  }

  @Override
  public String name() {
    return "replay";
  }

  @Override
  public Optional<Deny> check(Evaluation e) {
    Optional<AttestationToken> token = e.token();
    if (token.isEmpty()) {
      return Optional.empty();
    }
    AttestationToken t = token.get();
    if (!jtis.markUsed(t.issuer(), t.jti(), t.expiresAt())) {
      return Optional.of(
          Deny.forbidden("token_replayed", "this attestation token was already used"));
    }
    return Optional.empty();
  }
}
