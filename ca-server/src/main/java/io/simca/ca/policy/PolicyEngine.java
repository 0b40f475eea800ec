package io.simca.ca.policy;

import io.simca.ca.error.ErrorKind;
import io.simca.est.attest.AttestationToken;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs {@link Rule}s in their fixed order (documented in config/simca.yaml, {@code policy}) and
 * denies on the first failure. Only a run through every rule produces an {@link Allow}: deny by
 * default.
 */
public final class PolicyEngine {

  private final List<Rule> rules;
  private final Function<Evaluation, String> policyName;

  /**
   * @param rules in evaluation order
   * @param policyName names the policy that allowed a request (stored with the certificate)
   */
  public PolicyEngine(List<Rule> rules, Function<Evaluation, String> policyName) {
    this.rules = List.copyOf(rules);
    this.policyName = policyName;
  }

  public List<Rule> rules() {
    return rules;
  }

  public Decision evaluate(EnrollmentRequest request) {
    Evidence start =
        Evidence.NONE
            .withTokenSha256(request.token().map(AttestationToken::tokenHash).orElse(null))
            .withIccid(request.basicUser().filter(PolicyEngine::looksLikeIccid).orElse(null));
    Evaluation evaluation = new Evaluation(request, start);
    for (Rule rule : rules) {
      Optional<Deny> deny = rule.check(evaluation);
      if (deny.isPresent()) {
        return deny.get().withEvidence(evaluation.evidence());
      }
    }
    if (evaluation.sim().isEmpty()) {
      // A rule list without the SIM rule is a wiring bug; still never allow.
      return new Deny(ErrorKind.FORBIDDEN, "sim_unknown", "no SIM established by the policy");
    }
    return new Allow(
        evaluation.sim().get(),
        evaluation.token(),
        evaluation.imei(),
        policyName.apply(evaluation),
        evaluation.rekey(),
        evaluation.evidence());
  }

  static boolean looksLikeIccid(String s) {
    return s != null && s.matches("[0-9]{18,22}");
  }
}
