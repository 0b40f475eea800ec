package io.simca.ca.policy;

import io.simca.ca.error.ErrorKind;
import io.simca.est.codec.SubjectKeyType;
import java.util.Optional;
import java.util.Set;

/**
 * Rule 2: the CSR decoded with proof of possession (RFC 7030 §3.4, checked by {@code CsrDecoder})
 * and its key type is one {@code profile.allowedKeys} lists.
 */
final class CsrRule implements Rule {

  private final Set<SubjectKeyType> allowed;

  CsrRule(Set<SubjectKeyType> allowed) {
    this.allowed = Set.copyOf(allowed);
  }

  @Override
  public String name() {
    return "csr";
  }

  @Override
  public Optional<Deny> check(Evaluation e) {
    if (e.request().csrProblem().isPresent()) {
      RequestProblem p = e.request().csrProblem().get();
      return Optional.of(new Deny(p.kind(), p.reason(), p.detail()));
    }
    SubjectKeyType type = e.csr().keyType();
    if (!allowed.contains(type)) {
      return Optional.of(
          new Deny(
              ErrorKind.MALFORMED, "unsupported_key", "key type " + type + " is not allowed here"));
    }
    return Optional.empty();
  }
}
