package io.simca.est.attest;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * RFC 7638 JWK SHA-256 thumbprints of public keys: the {@code cnf.jkt} value (RFC 7800 §3.1, RFC
 * 9449 style) that binds an attestation token to the CSR key. Nimbus computes the canonical JSON;
 * this class only turns a JCA key into the right JWK.
 */
public final class JwkThumbprint {

  private JwkThumbprint() {}

  /**
   * Base64url (no padding) SHA-256 thumbprint of an EC (P-256, P-384, P-521), RSA or Ed25519 public
   * key.
   *
   * @throws IllegalArgumentException for other key types
   */
  public static String sha256(PublicKey key) {
    try {
      return toJwk(key).computeThumbprint("SHA-256").toString();
    } catch (JOSEException e) {
      throw new IllegalArgumentException("cannot compute JWK thumbprint", e);
    }
  }

  static JWK toJwk(PublicKey key) {
    SubjectPublicKeyInfo spki;
    try {
      spki = SubjectPublicKeyInfo.getInstance(key.getEncoded());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("public key has no X.509 encoding");
    }
    ASN1ObjectIdentifier alg = spki.getAlgorithm().getAlgorithm();
    if (X9ObjectIdentifiers.id_ecPublicKey.equals(alg)) {
      return new ECKey.Builder(curve(spki), ecKey(key, spki)).build();
    }
    if (PKCSObjectIdentifiers.rsaEncryption.equals(alg)) {
      return new RSAKey.Builder(rsaKey(key, spki)).build();
    }
    if (EdECObjectIdentifiers.id_Ed25519.equals(alg)) {
      // RFC 8037 §2: OKP "x" is the raw 32-byte public key, which is the SPKI bit string.
      return new OctetKeyPair.Builder(
              Curve.Ed25519, Base64URL.encode(spki.getPublicKeyData().getOctets()))
          .build();
    }
    throw new IllegalArgumentException("no JWK thumbprint for key algorithm " + alg.getId());
  }

  private static Curve curve(SubjectPublicKeyInfo spki) {
    Object params = spki.getAlgorithm().getParameters();
    if (SECObjectIdentifiers.secp256r1.equals(params)) {
      return Curve.P_256;
    }
    if (SECObjectIdentifiers.secp384r1.equals(params)) {
      return Curve.P_384;
    }
    if (SECObjectIdentifiers.secp521r1.equals(params)) {
      return Curve.P_521;
    }
    throw new IllegalArgumentException("no JWK curve for this EC key");
  }

  private static ECPublicKey ecKey(PublicKey key, SubjectPublicKeyInfo spki) {
    if (key instanceof ECPublicKey ec) {
      return ec;
    }
    return (ECPublicKey) regenerate("EC", spki);
  }

  private static RSAPublicKey rsaKey(PublicKey key, SubjectPublicKeyInfo spki) {
    if (key instanceof RSAPublicKey rsa) {
      return rsa;
    }
    return (RSAPublicKey) regenerate("RSA", spki);
  }

  private static PublicKey regenerate(String algorithm, SubjectPublicKeyInfo spki) {
    try {
      return KeyFactory.getInstance(algorithm)
          .generatePublic(new X509EncodedKeySpec(spki.getEncoded()));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("cannot read " + algorithm + " public key", e);
    }
  }
}
