package io.simca.ca.crypto;

import java.io.IOException;
import java.io.OutputStream;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Signs with a key in a token through the token's own provider, and turns the token's failures
 * (session lost, device removed, logged out) into {@link SigningUnavailableException}: the request
 * was fine, the HSM was not, so the caller answers 503 rather than 500.
 */
final class TokenContentSigner implements ContentSigner {

  private final ContentSigner inner;
  private final String alias;

  private TokenContentSigner(ContentSigner inner, String alias) {
    this.inner = inner;
    this.alias = alias;
  }

  static ContentSigner of(TokenPrivateKey key, String sigAlg) {
    try {
      return new TokenContentSigner(
          new JcaContentSignerBuilder(sigAlg).setProvider(key.provider()).build(key.delegate()),
          key.alias());
    } catch (OperatorCreationException | RuntimeException e) {
      throw unavailable(key.alias(), e);
    }
  }

  @Override
  public AlgorithmIdentifier getAlgorithmIdentifier() {
    return inner.getAlgorithmIdentifier();
  }

  @Override
  public OutputStream getOutputStream() {
    OutputStream out = inner.getOutputStream();
    // Bouncy Castle reports the token's SignatureException from write() as an IOException.
    return new OutputStream() {
      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        try {
          out.write(b, off, len);
        } catch (IOException | RuntimeException e) {
          throw unavailable(alias, e);
        }
      }
    };
  }

  @Override
  public byte[] getSignature() {
    try {
      return inner.getSignature();
    } catch (RuntimeException e) {
      throw unavailable(alias, e);
    }
  }

  private static SigningUnavailableException unavailable(String alias, Exception e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return new SigningUnavailableException(
        "the HSM cannot sign with key '" + alias + "' (" + root.getMessage() + ")", e);
  }
}
