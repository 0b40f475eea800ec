package io.simca.est.codec;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PublicKey;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The subject key types the CA will certify. Everything else is refused before any issuance work:
 * other curves (P-521, secp256k1, brainpool), explicit EC parameters, RSA outside 2048..4096 bits
 * or with a weak structure. Classification reads the SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) with
 * Bouncy Castle, so it does not depend on which JCA provider happens to be installed.
 *
 * <p>{@link #of} throws {@link EstRequestException} with reason {@code UNSUPPORTED_KEY} or {@code
 * WEAK_KEY} and a short human message.
 */
public enum SubjectKeyType {
  EC_P256("SHA256withECDSA"),
  EC_P384("SHA384withECDSA"),
  ED25519("Ed25519"),
  RSA_2048("SHA256withRSA"),
  RSA_3072("SHA256withRSA"),
  RSA_4096("SHA256withRSA");

  private static final int RSA_MIN_BITS = 2048;
  private static final int RSA_MAX_BITS = 4096;
  private static final BigInteger F4 = BigInteger.valueOf(65537);

  private final String jcaSignatureAlgorithm;

  SubjectKeyType(String jcaSignatureAlgorithm) {
    this.jcaSignatureAlgorithm = jcaSignatureAlgorithm;
  }

  /**
   * The JCA signature algorithm a holder of this key type should sign CSRs (and we verify) with.
   */
  public String jcaSignatureAlgorithm() {
    return jcaSignatureAlgorithm;
  }

  /** True for the RSA labels. */
  public boolean isRsa() {
    return this == RSA_2048 || this == RSA_3072 || this == RSA_4096;
  }

  /** Classifies a JCA public key; see {@link #of(SubjectPublicKeyInfo)}. */
  public static SubjectKeyType of(PublicKey key) {
    if (key == null || key.getEncoded() == null) {
      throw unsupported("public key has no X.509 encoding");
    }
    SubjectPublicKeyInfo spki;
    try {
      spki = SubjectPublicKeyInfo.getInstance(key.getEncoded());
    } catch (RuntimeException e) {
      throw unsupported("public key has no X.509 encoding");
    }
    return of(spki);
  }

  /**
   * Classifies a SubjectPublicKeyInfo, refusing anything outside the accepted set.
   *
   * @throws EstRequestException reason {@code UNSUPPORTED_KEY} or {@code WEAK_KEY}
   */
  public static SubjectKeyType of(SubjectPublicKeyInfo spki) {
    AlgorithmIdentifier alg = spki.getAlgorithm();
    ASN1ObjectIdentifier oid = alg.getAlgorithm();
    if (X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
      return ec(spki);
    }
    if (EdECObjectIdentifiers.id_Ed25519.equals(oid)) {
      return ed25519(spki);
    }
    if (PKCSObjectIdentifiers.rsaEncryption.equals(oid)) {
      return rsa(spki);
    }
    throw unsupported("unsupported key algorithm " + oid.getId());
  }

  private static SubjectKeyType ec(SubjectPublicKeyInfo spki) {
    // RFC 5480 §2.1.1: only namedCurve is allowed in PKIX; implicit/explicit parameters are
    // refused.
    if (!(spki.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve)) {
      throw unsupported("EC key must name its curve");
    }
    SubjectKeyType type;
    if (SECObjectIdentifiers.secp256r1.equals(curve)) {
      type = EC_P256;
    } else if (SECObjectIdentifiers.secp384r1.equals(curve)) {
      type = EC_P384;
    } else {
      String name = ECNamedCurveTable.getName(curve);
      throw unsupported("unsupported EC curve " + (name != null ? name : curve.getId()));
    }
    X9ECParameters params = ECNamedCurveTable.getByOID(curve);
    try {
      // decodePoint checks the encoding and that the point lies on the curve; both
      // curves have cofactor 1, so on-curve and not infinity means in the right group.
      ECPoint point = params.getCurve().decodePoint(spki.getPublicKeyData().getOctets());
      if (point.isInfinity() || !point.isValid()) {
        throw weak("EC public point is not valid");
      }
    } catch (IllegalArgumentException e) {
      throw weak("EC public point is not on the curve");
    }
    return type;
  }

  private static SubjectKeyType ed25519(SubjectPublicKeyInfo spki) {
    // RFC 8410 §3: no parameters; the key is the raw 32-byte encoding.
    if (spki.getAlgorithm().getParameters() != null) {
      throw unsupported("Ed25519 key must not carry parameters");
    }
    byte[] raw = spki.getPublicKeyData().getOctets();
    if (raw.length != Ed25519.PUBLIC_KEY_SIZE || !Ed25519.validatePublicKeyFull(raw, 0)) {
      throw weak("Ed25519 public key is not a valid point");
    }
    return ED25519;
  }

  private static SubjectKeyType rsa(SubjectPublicKeyInfo spki) {
    RSAPublicKey rsa;
    try {
      rsa = RSAPublicKey.getInstance(spki.parsePublicKey());
    } catch (IOException | RuntimeException e) {
      throw unsupported("RSA public key cannot be parsed");
    }
    BigInteger n = rsa.getModulus();
    BigInteger e = rsa.getPublicExponent();
    int bits = n.bitLength();
    if (bits < RSA_MIN_BITS) {
      throw weak("RSA key of " + bits + " bits is below 2048");
    }
    if (bits > RSA_MAX_BITS) {
      throw unsupported("RSA key of " + bits + " bits is above 4096");
    }
    if (bits % 8 != 0) {
      throw weak("RSA modulus of " + bits + " bits is not a whole number of bytes");
    }
    if (!n.testBit(0)) {
      throw weak("RSA modulus is even");
    }
    // NIST SP 800-56B / CA/B Forum BR §6.1.6: odd exponent, at least 65537.
    if (!e.testBit(0) || e.compareTo(F4) < 0) {
      throw weak("RSA public exponent must be odd and at least 65537");
    }
    // Labels never overstate strength: round down to the nearest standard size.
    if (bits >= 4096) {
      return RSA_4096;
    }
    return bits >= 3072 ? RSA_3072 : RSA_2048;
  }

  private static EstRequestException unsupported(String message) {
    return new EstRequestException(EstRequestException.Reason.UNSUPPORTED_KEY, message);
  }

  private static EstRequestException weak(String message) {
    return new EstRequestException(EstRequestException.Reason.WEAK_KEY, message);
  }
}
