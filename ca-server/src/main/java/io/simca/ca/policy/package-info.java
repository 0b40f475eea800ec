/**
 * The enrolment policy: deny by default. An {@link io.simca.ca.policy.EnrollmentAuthorizer} turns
 * an {@link io.simca.ca.policy.EnrollmentRequest} into a {@link io.simca.ca.policy.Decision}
 * ({@link io.simca.ca.policy.Allow} or {@link io.simca.ca.policy.Deny} with a stable reason code)
 * by running small {@link io.simca.ca.policy.Rule}s in a fixed order. No audit here: the issuance
 * engine writes the audit record from the decision. Blocking (store look-ups): call off the event
 * loop.
 */
package io.simca.ca.policy;
