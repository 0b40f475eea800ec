package io.simca.ca.policy;

/**
 * Decides whether an enrolment may proceed. Pluggable (STYLE.md item 4): the production one is
 * {@link SimAttestationAuthorizer}; tests may plug their own. Blocking (store look-ups, signature
 * checks): call off the event loop.
 */
@FunctionalInterface
public interface EnrollmentAuthorizer {

  Decision authorize(EnrollmentRequest request);
}
