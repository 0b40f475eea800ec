package io.simca.ca.policy;

/**
 * The answer of an {@link EnrollmentAuthorizer}: allow with what to certify, or deny with a reason
 * code. Deny by default: only a run through every rule produces an {@link Allow}. The issuance
 * engine writes the audit record from this value.
 */
public sealed interface Decision permits Allow, Deny {

  /** What the decision was based on (for the audit record). */
  Evidence evidence();
}
