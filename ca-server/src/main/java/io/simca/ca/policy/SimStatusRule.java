package io.simca.ca.policy;

import io.simca.ca.store.SimRow;
import io.simca.ca.store.SimStatus;
import io.simca.ca.store.SimStore;
import java.util.Locale;
import java.util.Optional;

/**
 * Rule 7: the SIM is in the inventory and active (a lost, stolen or suspended SIM never enrols).
 */
final class SimStatusRule implements Rule {

  private final SimStore sims;

  SimStatusRule(SimStore sims) {
    this.sims = sims;
  }

  @Override
  public String name() {
    return "sim_status";
  }

  @Override
  public Optional<Deny> check(Evaluation e) {
    Optional<String> iccid = e.iccid();
    Optional<SimRow> sim = iccid.flatMap(sims::find);
    if (sim.isEmpty()) {
      return Optional.of(Deny.forbidden("sim_unknown", "SIM is not in the inventory"));
    }
    e.sim(sim.get());
    if (sim.get().status() != SimStatus.ACTIVE) {
      String status = sim.get().status().name().toLowerCase(Locale.ROOT);
      return Optional.of(Deny.forbidden("sim_" + status, "SIM is " + status));
    }
    return Optional.empty();
  }
}
