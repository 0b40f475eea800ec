package io.simca.ca.crypto;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key that signs as {@code cert}, with the chain from {@code cert} up to (and including)
 * the trust anchor.
 *
 * <p>Why: issuance, OCSP signing and CRL signing all need the key, the certificate whose name and
 * SKI go into what is signed, and the chain to hand out; passing them as one value keeps them from
 * drifting apart. {@link #toString()} never shows the key.
 *
 * @param chain {@code cert} first, then its issuers; never empty
 */
public record SigningKey(PrivateKey key, X509Certificate cert, List<X509Certificate> chain) {

  public SigningKey {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(cert, "cert");
    chain = List.copyOf(chain);
    if (chain.isEmpty() || !chain.get(0).equals(cert)) {
      throw new IllegalArgumentException("chain must start with the signing certificate");
    }
  }

  /** A key whose chain is just its own certificate (self-signed roots). */
  public static SigningKey selfSigned(PrivateKey key, X509Certificate cert) {
    return new SigningKey(key, cert, List.of(cert));
  }

  public KeyType keyType() {
    return KeyType.of(cert.getPublicKey());
  }

  @Override
  public String toString() {
    return "SigningKey["
        + cert.getSubjectX500Principal().getName()
        + ", "
        + keyType().label()
        + "]";
  }
}
