package io.simca.ca.crypto;

import java.security.InvalidAlgorithmParameterException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECGenParameterSpec;

/**
 * The key types simca generates or accepts, each with the signature algorithm an issuer of that
 * type signs with.
 *
 * <p>Why: the signing algorithm follows the <em>issuer's</em> key (an ECDSA P-256 issuer signs
 * SHA256withECDSA whatever the subject key is), and the lint pipeline needs a throwaway key of
 * exactly the issuer's type. One enum keeps those two facts together.
 */
public enum KeyType {
  EC_P256("EC", "SHA256withECDSA", 256),
  EC_P384("EC", "SHA384withECDSA", 384),
  EC_P521("EC", "SHA512withECDSA", 521),
  ED25519("Ed25519", "Ed25519", 255),
  RSA_2048("RSA", "SHA256withRSA", 2048),
  RSA_3072("RSA", "SHA256withRSA", 3072),
  RSA_4096("RSA", "SHA256withRSA", 4096);

  private final String jcaAlgorithm;
  private final String signatureAlgorithm;
  private final int bits;

  KeyType(String jcaAlgorithm, String signatureAlgorithm, int bits) {
    this.jcaAlgorithm = jcaAlgorithm;
    this.signatureAlgorithm = signatureAlgorithm;
    this.bits = bits;
  }

  /** JCA key algorithm name ({@code EC}, {@code RSA}, {@code Ed25519}). */
  public String jcaAlgorithm() {
    return jcaAlgorithm;
  }

  /** The JCA signature algorithm an issuer holding this key type signs with. */
  public String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  public int bits() {
    return bits;
  }

  /** Human label for listings, e.g. {@code EC P-256}, {@code RSA 2048}. */
  public String label() {
    return switch (this) {
      case EC_P256 -> "EC P-256";
      case EC_P384 -> "EC P-384";
      case EC_P521 -> "EC P-521";
      case ED25519 -> "Ed25519";
      default -> "RSA " + bits;
    };
  }

  /** Generates a key pair of this type with the chosen provider. */
  public KeyPair generate(CryptoProviders providers) {
    return generate(providers.keyPairGenerator(jcaAlgorithm));
  }

  /** Generates a key pair of this type inside {@code provider} (a PKCS#11 token's). */
  public KeyPair generate(java.security.Provider provider) {
    try {
      return generate(KeyPairGenerator.getInstance(jcaAlgorithm, provider));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(
          provider.getName() + " cannot generate " + label() + " keys", e);
    }
  }

  private KeyPair generate(KeyPairGenerator g) {
    try {
      switch (this) {
        case EC_P256 -> g.initialize(new ECGenParameterSpec("secp256r1"));
        case EC_P384 -> g.initialize(new ECGenParameterSpec("secp384r1"));
        case EC_P521 -> g.initialize(new ECGenParameterSpec("secp521r1"));
        case ED25519 -> {}
        default -> g.initialize(bits);
      }
    } catch (InvalidAlgorithmParameterException e) {
      throw new IllegalStateException("cannot generate " + label() + " keys", e);
    }
    return g.generateKeyPair();
  }

  /** The type of a public or private key; throws for key types simca does not handle. */
  public static KeyType of(Key key) {
    if (key instanceof ECKey ec) {
      int size = ec.getParams().getCurve().getField().getFieldSize();
      return switch (size) {
        case 256 -> EC_P256;
        case 384 -> EC_P384;
        case 521 -> EC_P521;
        default -> throw new IllegalArgumentException("unsupported EC curve of " + size + " bits");
      };
    }
    if (key instanceof RSAKey rsa) {
      int size = rsa.getModulus().bitLength();
      return switch (size) {
        case 2048 -> RSA_2048;
        case 3072 -> RSA_3072;
        case 4096 -> RSA_4096;
        default -> throw new IllegalArgumentException("unsupported RSA key size " + size);
      };
    }
    String alg = key.getAlgorithm();
    if ("Ed25519".equalsIgnoreCase(alg) || "EdDSA".equalsIgnoreCase(alg)) {
      return ED25519;
    }
    throw new IllegalArgumentException("unsupported key algorithm " + alg);
  }
}
