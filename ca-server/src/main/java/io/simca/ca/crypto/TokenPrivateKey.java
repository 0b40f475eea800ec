package io.simca.ca.crypto;

import java.security.PrivateKey;
import java.security.Provider;
import java.util.Objects;

/**
 * A private key that lives in a hardware token, with the provider that can use it.
 *
 * <p>Why: {@link CryptoProviders} signs with Amazon Corretto by default, which cannot use a key it
 * does not hold; carrying the token's provider with its key lets every signer pick the right one
 * without a process-wide provider list (several tokens may be open in one JVM). The key material
 * itself never leaves the token: {@link #getEncoded()} is null.
 *
 * @param alias the token object's label ({@code CKA_LABEL}), for messages
 */
public record TokenPrivateKey(PrivateKey delegate, Provider provider, String alias)
    implements PrivateKey {

  public TokenPrivateKey {
    Objects.requireNonNull(delegate, "delegate");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(alias, "alias");
  }

  @Override
  public String getAlgorithm() {
    return delegate.getAlgorithm();
  }

  @Override
  public String getFormat() {
    return null;
  }

  @Override
  public byte[] getEncoded() {
    return null;
  }

  @Override
  public String toString() {
    return "TokenPrivateKey[" + alias + " in " + provider.getName() + "]";
  }
}
