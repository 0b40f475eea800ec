package io.simca.est.attest;

import java.util.Objects;

/**
 * A token was refused. Checked, because every caller of the verifier must turn it into a deny
 * decision. The detail is short and never contains the token itself.
 */
public final class AttestationException extends Exception {

  private final AttestationFailure failure;
  private final String detail;

  public AttestationException(AttestationFailure failure, String detail) {
    super(failure.code() + ": " + detail, null, false, false);
    this.failure = Objects.requireNonNull(failure, "failure");
    this.detail = detail;
  }

  public AttestationFailure failure() {
    return failure;
  }

  /** Human-readable detail, e.g. "exp is 42 s in the past". */
  public String detail() {
    return detail;
  }
}
