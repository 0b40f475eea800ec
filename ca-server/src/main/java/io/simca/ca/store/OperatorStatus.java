package io.simca.ca.store;

/** Lifecycle of an operator credential row. Expiry is not a status: it is read from notAfter. */
public enum OperatorStatus {
  ACTIVE,
  REVOKED
}
