/**
 * EST-coaps (RFC 9148): EST over CoAP and DTLS 1.2 for constrained devices, a second transport
 * beside the HTTPS routes of {@code server.est} over the same issuance engine, policy and audit.
 * {@link io.simca.ca.server.coap.CoapListener} wires a Californium server on a Scandium DTLS
 * connector; the resources under {@code /.well-known/est/[<label>/]} turn CoAP requests into {@link
 * io.simca.ca.issue.EnrollmentSubmission}s and outcomes into CoAP responses.
 */
package io.simca.ca.server.coap;
