/**
 * SIM attestation tokens (DESIGN.md "SIM attestation token"): the JWS an operator network attester
 * signs to vouch that a SIM (ICCID, IMSI) in a device (IMEI) holds the CSR key ({@code cnf.jkt},
 * RFC 7638). Holds the verifier the CA trusts, the attester directory it trusts it with, and the
 * reference minter used by the CLI and demos.
 */
package io.simca.est.attest;
