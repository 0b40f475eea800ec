package io.simca.ca.pki;

import java.math.BigInteger;
import java.security.PublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Everything that goes into a TBSCertificate except the signature algorithm (which follows the
 * issuer's key): the output of a profile, the input of {@link CertificateIssuer}.
 *
 * <p>Why: separating "what to certify" (profiles) from "sign it" (issuer) is what lets the issuer
 * lint exactly the bytes it will sign. Times are truncated to whole seconds because X.509 Time
 * carries no fractions (RFC 5280 §4.1.2.5.1/§4.1.2.5.2). Extensions are kept in order and
 * <em>not</em> de-duplicated, so a profile bug that adds one twice reaches the linter.
 */
public record CertificateTemplate(
    CertificateKind kind,
    X500Name subject,
    X500Name issuer,
    BigInteger serial,
    Instant notBefore,
    Instant notAfter,
    SubjectPublicKeyInfo publicKey,
    List<Extension> extensions) {

  public CertificateTemplate {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(serial, "serial");
    notBefore = notBefore.truncatedTo(ChronoUnit.SECONDS);
    notAfter = notAfter.truncatedTo(ChronoUnit.SECONDS);
    Objects.requireNonNull(publicKey, "publicKey");
    extensions = List.copyOf(extensions);
  }

  /** The SubjectPublicKeyInfo of a JCA public key. */
  public static SubjectPublicKeyInfo spki(PublicKey key) {
    return SubjectPublicKeyInfo.getInstance(key.getEncoded());
  }

  /** A copy with one field changed; handy for tests and for modifiers. */
  public CertificateTemplate withExtensions(List<Extension> newExtensions) {
    return new CertificateTemplate(
        kind, subject, issuer, serial, notBefore, notAfter, publicKey, newExtensions);
  }

  public CertificateTemplate withValidity(Instant newNotBefore, Instant newNotAfter) {
    return new CertificateTemplate(
        kind, subject, issuer, serial, newNotBefore, newNotAfter, publicKey, extensions);
  }

  public CertificateTemplate withSerial(BigInteger newSerial) {
    return new CertificateTemplate(
        kind, subject, issuer, newSerial, notBefore, notAfter, publicKey, extensions);
  }

  public CertificateTemplate withSubject(X500Name newSubject) {
    return new CertificateTemplate(
        kind, newSubject, issuer, serial, notBefore, notAfter, publicKey, extensions);
  }

  public CertificateTemplate withKind(CertificateKind newKind) {
    return new CertificateTemplate(
        newKind, subject, issuer, serial, notBefore, notAfter, publicKey, extensions);
  }
}
