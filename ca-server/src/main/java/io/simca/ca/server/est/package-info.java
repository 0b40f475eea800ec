/**
 * The EST listener's routes (RFC 7030, RFC 8951): one small handler per operation, mounted by
 * {@link io.simca.ca.server.est.EstRoutes}; enrolment work is the issuance engine's.
 */
package io.simca.ca.server.est;
