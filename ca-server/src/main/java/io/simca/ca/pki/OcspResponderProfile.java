package io.simca.ca.pki;

import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * A delegated OCSP responder certificate, issued by the CA whose certificates it answers for (RFC
 * 6960 §4.2.2.2). Short-lived (30 days) because it carries id-pkix-ocsp-nocheck (RFC 6960
 * §4.2.2.2.1): clients never check its revocation, so expiry is its only revocation.
 */
public record OcspResponderProfile(X500Name subject, Duration validity, Duration backdate) {

  public static final Duration DEFAULT_VALIDITY = Duration.ofDays(30);

  public OcspResponderProfile {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(validity, "validity");
    Objects.requireNonNull(backdate, "backdate");
  }

  public static OcspResponderProfile of(X500Name subject) {
    return new OcspResponderProfile(subject, DEFAULT_VALIDITY, Duration.ofMinutes(5));
  }

  public CertificateTemplate template(PublicKey key, IssuerInfo issuer, Instant now) {
    SubjectPublicKeyInfo spki = CertificateTemplate.spki(key);
    return new CertificateTemplate(
        CertificateKind.OCSP_RESPONDER,
        subject,
        issuer.name(),
        SerialNumbers.next(),
        issuer.clampNotBefore(now.minus(backdate)),
        issuer.clampNotAfter(now.plus(validity)),
        spki,
        List.of(
            CertExtensions.basicConstraints(false, null, true), // RFC 5280 §4.2.1.9
            CertExtensions.keyUsage(KeyUsage.digitalSignature), // RFC 5280 §4.2.1.3
            CertExtensions.extendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning), // RFC 6960 §4.2.2.2
            CertExtensions.ocspNoCheck(), // RFC 6960 §4.2.2.2.1
            CertExtensions.subjectKeyIdentifier(spki), // RFC 5280 §4.2.1.2
            issuer.authorityKeyIdentifier())); // RFC 5280 §4.2.1.1
  }
}
