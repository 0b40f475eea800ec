package io.simca.ca.policy;

import io.simca.est.attest.AttestationToken;

/**
 * What a decision was based on, for the audit record: never the token itself, only its {@code jti}
 * and SHA-256. Fields are null when unknown at the time of the decision (a token that did not
 * verify has no trusted jti).
 *
 * @param iccid the SIM (token {@code sub}, certificate CN, or the claimed Basic user when it is
 *     shaped like an ICCID)
 * @param imei the attested IMEI
 * @param attester the attester key id ({@code kid}) of a verified token
 */
public record Evidence(String iccid, String imei, String attester, String jti, String tokenSha256) {

  public static final Evidence NONE = new Evidence(null, null, null, null, null);

  public Evidence withIccid(String value) {
    return new Evidence(value, imei, attester, jti, tokenSha256);
  }

  public Evidence withImei(String value) {
    return new Evidence(iccid, value, attester, jti, tokenSha256);
  }

  public Evidence withTokenSha256(String value) {
    return new Evidence(iccid, imei, attester, jti, value);
  }

  /** Adds the facts of a verified token. */
  public Evidence withToken(AttestationToken token) {
    return new Evidence(
        token.iccid().value(), token.imei().value(), token.kid(), token.jti(), tokenSha256);
  }
}
