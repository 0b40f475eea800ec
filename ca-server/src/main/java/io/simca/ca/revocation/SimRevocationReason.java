package io.simca.ca.revocation;

import io.simca.ca.store.SimStatus;

/** Why an operator cuts off a SIM, and what that means for the SIM and its certificates. */
public enum SimRevocationReason {
  LOST(SimStatus.LOST, RevocationReason.KEY_COMPROMISE),
  STOLEN(SimStatus.STOLEN, RevocationReason.KEY_COMPROMISE),
  DECOMMISSIONED(SimStatus.DECOMMISSIONED, RevocationReason.CESSATION_OF_OPERATION);

  private final SimStatus simStatus;
  private final RevocationReason certificateReason;

  SimRevocationReason(SimStatus simStatus, RevocationReason certificateReason) {
    this.simStatus = simStatus;
    this.certificateReason = certificateReason;
  }

  public SimStatus simStatus() {
    return simStatus;
  }

  /** A lost or stolen device's key must be presumed compromised (RFC 5280 §5.3.1 keyCompromise). */
  public RevocationReason certificateReason() {
    return certificateReason;
  }
}
