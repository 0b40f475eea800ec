package io.simca.ca.crypto;

import java.io.IOException;
import java.io.OutputStream;
import org.bouncycastle.operator.ContentSigner;

/**
 * Whether a signing key can sign right now. A key in memory always can; a key in an HSM is asked to
 * sign 32 bytes, so /health says "down" as soon as the token goes away (and before a device finds
 * out).
 */
public final class KeyProbe {

  private static final byte[] PROBE = new byte[32];

  private KeyProbe() {}

  public static boolean usable(SigningKey key, CryptoProviders crypto) {
    if (!(key.key() instanceof TokenPrivateKey)) {
      return true;
    }
    try {
      ContentSigner signer = crypto.contentSigner(key.key(), key.keyType().signatureAlgorithm());
      try (OutputStream out = signer.getOutputStream()) {
        out.write(PROBE);
      }
      return signer.getSignature().length > 0;
    } catch (SigningUnavailableException | IOException e) {
      return false;
    }
  }
}
