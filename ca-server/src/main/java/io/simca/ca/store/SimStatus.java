package io.simca.ca.store;

/** Lifecycle of a SIM; only {@code ACTIVE} SIMs may enrol. Stored lowercase. */
public enum SimStatus {
  ACTIVE,
  SUSPENDED,
  LOST,
  STOLEN,
  DECOMMISSIONED
}
