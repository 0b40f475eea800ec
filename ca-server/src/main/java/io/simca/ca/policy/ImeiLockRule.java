package io.simca.ca.policy;

import io.simca.ca.store.SimRow;
import io.simca.ca.store.SimStatus;
import io.simca.ca.store.SimStore;
import java.util.Optional;

/**
 * Rule 8: the IMEI lock. The first attested enrolment locks the SIM to the attested IMEI
 * (atomically, so of two racing first enrolments one wins) unless an IMEI was provisioned; a
 * different IMEI later is denied as a possible SIM swap, and with {@code
 * policy.suspendOnImeiMismatch} the SIM is suspended too. IMEI is a policy signal, not proof
 * (DESIGN.md "Anchors"). Without a token (re-enrolment without attestation) the certificate keeps
 * the IMEI of the current certificate.
 */
final class ImeiLockRule implements Rule {

  private final SimStore sims;
  private final boolean enabled;
  private final boolean suspendOnMismatch;

  ImeiLockRule(SimStore sims, boolean enabled, boolean suspendOnMismatch) {
    this.sims = sims;
    this.enabled = enabled;
    this.suspendOnMismatch = suspendOnMismatch;
  }

  @Override
  public String name() {
    return "imei_lock";
  }

  @Override
  public Optional<Deny> check(Evaluation e) {
    if (e.token().isEmpty()) {
      e.request().current().flatMap(ClientCertificate::row).map(r -> r.imei()).ifPresent(e::imei);
      return Optional.empty();
    }
    if (!enabled) {
      return Optional.empty();
    }
    SimRow sim = e.sim().orElseThrow();
    String attested = e.token().get().imei().value();
    String locked = sim.imei();
    if (locked == null && !sims.lockImeiIfUnset(sim.iccid(), attested)) {
      // Another enrolment locked it first: compare with what it locked.
      locked = sims.find(sim.iccid()).map(SimRow::imei).orElse(null);
    }
    if (locked != null && !locked.equals(attested)) {
      String detail = "attested IMEI differs from the IMEI locked to this SIM (possible SIM swap)";
      if (suspendOnMismatch
          && sims.updateStatus(sim.iccid(), SimStatus.SUSPENDED, "imei_mismatch")) {
        detail += "; SIM suspended";
      }
      return Optional.of(Deny.forbidden("imei_mismatch", detail));
    }
    e.imei(attested);
    return Optional.empty();
  }
}
