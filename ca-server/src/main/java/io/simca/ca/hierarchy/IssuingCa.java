package io.simca.ca.hierarchy;

import io.simca.ca.crypto.SigningKey;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;

/**
 * One generation of an issuing CA as the running server holds it.
 *
 * @param active true for the generation that signs new certificates; retired generations only sign
 *     OCSP responses and CRLs for what they issued
 * @param ocspResponder the delegated responder key; empty when its files are missing (the CA key
 *     itself may then sign OCSP responses, RFC 6960 §4.2.2.2)
 * @param keyId lower-case hex of the CA certificate's subject key identifier
 */
public record IssuingCa(
    String label,
    int generation,
    boolean active,
    SigningKey signingKey,
    Optional<SigningKey> ocspResponder,
    String keyId) {

  public IssuingCa {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(signingKey, "signingKey");
    Objects.requireNonNull(ocspResponder, "ocspResponder");
    Objects.requireNonNull(keyId, "keyId");
  }

  public X509Certificate cert() {
    return signingKey.cert();
  }

  /**
   * The name in the URLs this generation's certificates carry (CRL distribution point, AIA
   * caIssuers): {@code <label>} for the first generation, {@code <label>-g<gen>} after a rotation,
   * so a retired generation's certificates keep pointing at its own CRL and certificate (RFC 5280
   * §5.2.5: the CRL's issuing distribution point must match the certificate's).
   */
  public String publicName() {
    return generation <= 1 ? label : label + "-g" + generation;
  }
}
