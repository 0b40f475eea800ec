package io.simca.ca.policy;

import io.simca.ca.error.ErrorKind;
import io.simca.est.attest.AttestationException;
import io.simca.est.attest.AttestationToken;
import io.simca.est.attest.AttestationVerifier;
import java.util.Optional;

/**
 * Rules 3, 4 and 6: the token is signed by a trusted attester ({@code typ}, {@code alg}, {@code
 * kid}, {@code iss}), within its time window, and bound to the CSR key by {@code cnf.jkt}; a Basic
 * user must equal {@code sub}. These run in one {@link AttestationVerifier} call, so the key
 * binding is checked before the jti is burnt (rule 5): a token seen on the wire cannot be used up
 * by someone without the device key.
 *
 * <p>Re-enrolment: the token's {@code sub} must be the current certificate's ICCID. Without a token
 * (allowed when {@code reenroll.requireAttestation} is off) the rule passes.
 */
final class AttestationRule implements Rule {

  private final AttestationVerifier verifier;

  AttestationRule(AttestationVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public String name() {
    return "attestation";
  }

  @Override
  public Optional<Deny> check(Evaluation e) {
    Optional<String> compact = e.request().token();
    if (compact.isEmpty()) {
      return Optional.empty(); // CredentialsRule already required one where the policy needs it
    }
    AttestationToken token;
    try {
      token = verifier.verify(compact.get(), e.csr().publicKey(), e.request().basicUser());
    } catch (AttestationException x) {
      return Optional.of(deny(x));
    }
    e.token(token);
    if (e.request().kind() == EnrollmentRequest.Kind.REENROLL) {
      String certIccid =
          e.request().current().flatMap(ClientCertificate::row).map(r -> r.iccid()).orElse("");
      if (!certIccid.equals(token.iccid().value())) {
        return Optional.of(
            Deny.forbidden(
                "reenroll_iccid_mismatch",
                "the token's sub is not the ICCID of the current certificate"));
      }
    }
    return Optional.empty();
  }

  /**
   * A token that cannot be read is a malformed request (400), as unreadable credentials are, on
   * every carriage; one that reads but fails a check is a refusal (403).
   */
  private static Deny deny(AttestationException x) {
    return switch (x.failure()) {
      case MALFORMED_TOKEN, TOKEN_TOO_LARGE ->
          new Deny(ErrorKind.MALFORMED, x.failure().code(), x.detail());
      default -> Deny.forbidden(x.failure().code(), x.detail());
    };
  }
}
