package io.simca.ca.pki;

import io.simca.ca.crypto.KeyType;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;

/**
 * The facts about an issuer that every certificate it signs repeats, computed once.
 *
 * <p>Why: parsing the issuer's name and SKI for each of ~10k certificates per second is wasted
 * work; profiles hold one of these per issuing CA. The key id is the issuer's SKI (RFC 5280
 * §4.2.1.1: AKI keyIdentifier = issuer SKI), or its method-1 hash when the issuer has none.
 */
public final class IssuerInfo {

  private final X500Name name;
  private final byte[] keyId;
  private final Instant notBefore;
  private final Instant notAfter;
  private final KeyType keyType;
  private final Extension authorityKeyIdentifier;

  private IssuerInfo(
      X500Name name, byte[] keyId, Instant notBefore, Instant notAfter, KeyType keyType) {
    this.name = Objects.requireNonNull(name);
    this.keyId = keyId.clone();
    this.notBefore = notBefore;
    this.notAfter = notAfter;
    this.keyType = keyType;
    this.authorityKeyIdentifier = CertExtensions.authorityKeyIdentifier(keyId);
  }

  public static IssuerInfo of(X509Certificate cert) {
    try {
      JcaX509CertificateHolder h = new JcaX509CertificateHolder(cert);
      Extension ski = h.getExtension(Extension.subjectKeyIdentifier);
      byte[] keyId =
          ski != null
              ? ASN1OctetString.getInstance(ski.getParsedValue()).getOctets()
              : CertExtensions.keyIdentifier(h.getSubjectPublicKeyInfo()).getKeyIdentifier();
      return new IssuerInfo(
          h.getSubject(),
          keyId,
          cert.getNotBefore().toInstant(),
          cert.getNotAfter().toInstant(),
          KeyType.of(cert.getPublicKey()));
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalArgumentException("issuer certificate cannot be encoded", e);
    }
  }

  public X500Name name() {
    return name;
  }

  public byte[] keyId() {
    return keyId.clone();
  }

  public Instant notBefore() {
    return notBefore;
  }

  public Instant notAfter() {
    return notAfter;
  }

  public KeyType keyType() {
    return keyType;
  }

  /** The AKI extension for certificates this issuer signs (shared, immutable). */
  public Extension authorityKeyIdentifier() {
    return authorityKeyIdentifier;
  }

  /** {@code t} moved into this issuer's validity window, so no child outlives its issuer. */
  Instant clampNotAfter(Instant t) {
    return t.isAfter(notAfter) ? notAfter : t;
  }

  Instant clampNotBefore(Instant t) {
    return t.isBefore(notBefore) ? notBefore : t;
  }
}
