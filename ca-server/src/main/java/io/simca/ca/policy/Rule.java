package io.simca.ca.policy;

import java.util.Optional;

/**
 * One step of the enrolment policy. Rules run in the fixed order of {@link PolicyEngine}; each
 * either passes (empty, possibly recording facts in the {@link Evaluation}) or denies.
 */
public interface Rule {

  /** Short name for documentation and debugging, e.g. {@code imei_lock}. */
  String name();

  /** Empty to pass; a deny stops the evaluation. */
  Optional<Deny> check(Evaluation evaluation);
}
