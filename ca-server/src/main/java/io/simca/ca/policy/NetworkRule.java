package io.simca.ca.policy;

import io.simca.est.attest.AttestationToken;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rule 9: device model and network. Per tenant, the device TAC (first 8 IMEI digits) must be
 * allowlisted; the serving network ({@code mccmnc}) and APN the attester reported must be allowed.
 * An empty list allows anything; a non-empty list denies a token that does not report the value
 * (deny by default).
 */
final class NetworkRule implements Rule {

  private final Map<String, List<String>> tacAllowlist;
  private final List<String> allowedMccMnc;
  private final List<String> allowedApn;

  NetworkRule(
      Map<String, List<String>> tacAllowlist, List<String> allowedMccMnc, List<String> allowedApn) {
    this.tacAllowlist = Map.copyOf(tacAllowlist);
    this.allowedMccMnc = List.copyOf(allowedMccMnc);
    this.allowedApn = List.copyOf(allowedApn);
  }

  @Override
  public String name() {
    return "network";
  }

  @Override
  public Optional<Deny> check(Evaluation e) {
    if (e.token().isEmpty()) {
      return Optional.empty();
    }
    AttestationToken t = e.token().get();
    List<String> tacs =
        e.sim().map(s -> tacAllowlist.getOrDefault(s.tenant(), List.of())).orElse(List.of());
    if (!tacs.isEmpty() && !tacs.contains(t.imei().tac())) {
      return Optional.of(
          Deny.forbidden(
              "tac_not_allowed",
              "device TAC " + t.imei().tac() + " is not allowed for this tenant"));
    }
    if (!allowedMccMnc.isEmpty() && !t.mccmnc().map(allowedMccMnc::contains).orElse(false)) {
      return Optional.of(Deny.forbidden("mccmnc_not_allowed", "serving network not allowed"));
    }
    if (!allowedApn.isEmpty() && !t.apn().map(allowedApn::contains).orElse(false)) {
      return Optional.of(Deny.forbidden("apn_not_allowed", "APN not allowed"));
    }
    return Optional.empty();
  }
}
