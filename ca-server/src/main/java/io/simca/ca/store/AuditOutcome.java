package io.simca.ca.store;

/**
 * Outcome of an audited event: a policy decision ({@code ALLOW}/{@code DENY}) or an operation
 * result ({@code OK}/{@code ERROR}). Stored lowercase.
 */
public enum AuditOutcome {
  ALLOW,
  DENY,
  OK,
  ERROR
}
