package io.simca.est.testing;

import io.simca.est.codec.CsrToken;
import io.simca.est.codec.SubjectKeyType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Key pairs, CSRs and throwaway certificates for tests, built with Bouncy Castle and the JCA only.
 * Curves the JDK no longer ships (secp256k1) come from a private BC provider instance, which is
 * never registered globally.
 */
public final class TestCsrs {

  private static final Provider BC = new BouncyCastleProvider();

  private TestCsrs() {}

  public static KeyPair p256() {
    return ec("secp256r1");
  }

  public static KeyPair p384() {
    return ec("secp384r1");
  }

  /** Any named curve; secp256k1 and other curves outside SunEC use BC. */
  public static KeyPair ec(String curve) {
    try {
      KeyPairGenerator generator =
          isSunEcCurve(curve)
              ? KeyPairGenerator.getInstance("EC")
              : KeyPairGenerator.getInstance("EC", BC);
      generator.initialize(new ECGenParameterSpec(curve));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static KeyPair ed25519() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static KeyPair rsa(int bits) {
    return rsa(bits, RSAKeyGenParameterSpec.F4);
  }

  /** RSA with a chosen public exponent (e.g. 3, to test weak-key refusal). */
  public static KeyPair rsa(int bits, BigInteger exponent) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(new RSAKeyGenParameterSpec(bits, exponent));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A key pair of the given accepted type. */
  public static KeyPair keyPair(SubjectKeyType type) {
    return switch (type) {
      case EC_P256 -> p256();
      case EC_P384 -> p384();
      case ED25519 -> ed25519();
      case RSA_2048 -> rsa(2048);
      case RSA_3072 -> rsa(3072);
      case RSA_4096 -> rsa(4096);
    };
  }

  /** A CSR with {@code CN=test}, signed by its own key. */
  public static PKCS10CertificationRequest csr(KeyPair keyPair) {
    return csr(keyPair, "test", null);
  }

  /** A CSR with the given CN and optional challengePassword attribute. */
  public static PKCS10CertificationRequest csr(
      KeyPair keyPair, String cn, String challengePassword) {
    JcaPKCS10CertificationRequestBuilder builder =
        new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + cn), keyPair.getPublic());
    if (challengePassword != null) {
      builder.addAttribute(
          PKCSObjectIdentifiers.pkcs_9_at_challengePassword,
          new DERPrintableString(challengePassword));
    }
    return builder.build(signer(keyPair.getPrivate(), keyPair.getPublic().getEncoded()));
  }

  /** A CSR with {@code CN=test} that carries {@code token} in the attribute of {@link CsrToken}. */
  public static PKCS10CertificationRequest withToken(KeyPair keyPair, String token) {
    return sign(
        CsrToken.addTo(
            new JcaPKCS10CertificationRequestBuilder(subject("test"), keyPair.getPublic()), token),
        keyPair);
  }

  /** {@code CN=cn}. */
  public static X500Name subject(String cn) {
    return new X500Name("CN=" + cn);
  }

  /** Signs a request being built with the key it names. */
  public static PKCS10CertificationRequest sign(
      PKCS10CertificationRequestBuilder builder, KeyPair keyPair) {
    return builder.build(signer(keyPair.getPrivate(), keyPair.getPublic().getEncoded()));
  }

  /** DER of {@link #csr(KeyPair)}. */
  public static byte[] der(KeyPair keyPair) {
    return der(csr(keyPair));
  }

  /** DER of a request. */
  public static byte[] der(PKCS10CertificationRequest csr) {
    try {
      return csr.getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Single-line base64 of {@link #csr(KeyPair)}, as curl-style clients send it. */
  public static String base64(KeyPair keyPair) {
    return Base64.getEncoder().encodeToString(der(keyPair));
  }

  /** PEM ({@code CERTIFICATE REQUEST}) of {@code der}. */
  public static String pem(byte[] der, String label) {
    return PythonTokenMinter.pem(label, der);
  }

  /** A self-signed certificate, for certs-only tests. */
  public static X509Certificate selfSigned(KeyPair keyPair, String cn) {
    try {
      Instant now = Instant.now();
      X500Name name = new X500Name("CN=" + cn);
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              name,
              BigInteger.valueOf(now.toEpochMilli()),
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(now.plus(Duration.ofDays(1))),
              name,
              keyPair.getPublic());
      ContentSigner signer = signer(keyPair.getPrivate(), keyPair.getPublic().getEncoded());
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ContentSigner signer(PrivateKey key, byte[] spki) {
    String algorithm = signatureAlgorithm(spki);
    try {
      JcaContentSignerBuilder builder = new JcaContentSignerBuilder(algorithm);
      if (key.getClass().getName().startsWith("org.bouncycastle")) {
        builder.setProvider(BC);
      }
      return builder.build(key);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String signatureAlgorithm(byte[] spki) {
    SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(spki);
    String oid = info.getAlgorithm().getAlgorithm().getId();
    return switch (oid) {
      case "1.3.101.112" -> "Ed25519";
      case "1.2.840.113549.1.1.1" -> "SHA256withRSA";
      case "1.2.840.10045.2.1" ->
          switch (info.getAlgorithm().getParameters().toString()) {
            case "1.3.132.0.34" -> "SHA384withECDSA";
            case "1.3.132.0.35" -> "SHA512withECDSA";
            default -> "SHA256withECDSA";
          };
      default -> throw new IllegalArgumentException("no signature algorithm for " + oid);
    };
  }

  private static boolean isSunEcCurve(String curve) {
    return curve.equals("secp256r1") || curve.equals("secp384r1") || curve.equals("secp521r1");
  }
}
