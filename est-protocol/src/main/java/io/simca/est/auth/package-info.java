/**
 * HTTP credentials of an EST request (RFC 7617 Basic, RFC 6750 Bearer), normalised so the server
 * sees one attestation token whichever stock EST client sent it.
 */
package io.simca.est.auth;
