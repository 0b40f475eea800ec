/**
 * Device certificate issuance: {@link io.simca.ca.issue.IssuanceEngine} runs authorise, profile,
 * reserve, lint and sign, store (with the first OCSP response), re-check, audit, answer.
 */
package io.simca.ca.issue;
