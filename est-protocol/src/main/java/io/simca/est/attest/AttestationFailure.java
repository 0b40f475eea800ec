package io.simca.est.attest;

/**
 * Why an attestation token was refused. {@link #code()} is the machine-readable reason stored in
 * audit records and returned in error bodies (400 for {@link #MALFORMED_TOKEN} and {@link
 * #TOKEN_TOO_LARGE}, else 403); it is stable API.
 */
public enum AttestationFailure {
  /** Not a compact JWS, undecodable header/payload, or a claim of the wrong JSON type. */
  MALFORMED_TOKEN("malformed_token"),
  /** Longer than {@link AttestationVerifier#MAX_TOKEN_CHARS}. */
  TOKEN_TOO_LARGE("token_too_large"),
  /** {@code alg} not ES256/ES384/EdDSA, or not the one the attester key implies. */
  UNSUPPORTED_ALG("unsupported_alg"),
  /** Header {@code typ} is not {@code sim-attestation+jwt}. */
  WRONG_TYP("wrong_typ"),
  /** No {@code kid}, or no trusted attester key with that id. */
  UNKNOWN_ATTESTER("unknown_attester"),
  /** {@code iss} is not the issuer configured for the {@code kid}. */
  ISSUER_MISMATCH("issuer_mismatch"),
  /** The JWS signature does not verify with the attester key. */
  BAD_SIGNATURE("bad_signature"),
  /** {@code exp} is in the past beyond the clock skew. */
  TOKEN_EXPIRED("token_expired"),
  /** {@code iat} (or {@code nbf}) is in the future beyond the clock skew. */
  TOKEN_NOT_YET_VALID("token_not_yet_valid"),
  /** {@code exp - iat} exceeds the policy maximum (300 s by default). */
  TOKEN_LIFETIME_TOO_LONG("token_lifetime_too_long"),
  /** A required claim is absent. */
  MISSING_CLAIM("missing_claim"),
  /** {@code sub} is not a valid ICCID. */
  BAD_ICCID("bad_iccid"),
  /** {@code imei} is not a valid IMEI. */
  BAD_IMEI("bad_imei"),
  /** {@code imsi} is not a valid IMSI. */
  BAD_IMSI("bad_imsi"),
  /** {@code cnf.jkt} is not the RFC 7638 thumbprint of the CSR key. */
  KEY_BINDING_MISMATCH("key_binding_mismatch"),
  /** The Basic user (ICCID) differs from the token's {@code sub}. */
  ICCID_MISMATCH("iccid_mismatch");

  private final String code;

  AttestationFailure(String code) {
    this.code = code;
  }

  /** Stable snake_case reason code. */
  public String code() {
    return code;
  }
}
