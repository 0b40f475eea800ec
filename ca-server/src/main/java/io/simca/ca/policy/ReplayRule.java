package io.simca.ca.policy;

import io.simca.ca.store.JtiReplayCache;
import io.simca.est.attest.AttestationToken;
import java.util.Optional;

/**
 * Rule 5: each token is used once, on any node sharing the store ({@code (iss, jti)} kept in the
 * replay cache until {@code exp}). A token seen before is refused here; its first use is written
 * with the certificate reservation, where a concurrent replay conflicts.
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
    // Read-only: the use is recorded with the reservation (same transaction), see JtiReplayCache.
    if (jtis.seen(t.issuer(), t.jti())) {
      return Optional.of(
          Deny.forbidden("token_replayed", "this attestation token was already used"));
    }
    return Optional.empty();
  }
}
