package io.simca.ca.pki;

import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * An online issuing CA (P-256 by convention, 5 years), signed by the root, signing only end
 * entities: pathLen 0 (RFC 5280 §4.2.1.9). Its notAfter is clamped to the root's, since a CA
 * certificate outliving its issuer only fails validation later and more confusingly.
 */
public record IssuingCaProfile(X500Name subject, Period validity, Duration backdate) {

  public static final Period DEFAULT_VALIDITY = Period.ofYears(5);

  public IssuingCaProfile {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(validity, "validity");
    Objects.requireNonNull(backdate, "backdate");
  }

  public static IssuingCaProfile of(X500Name subject) {
    return new IssuingCaProfile(subject, DEFAULT_VALIDITY, Duration.ofMinutes(5));
  }

  /**
   * As {@link #template(PublicKey, IssuerInfo, Instant)}, plus where relying parties that check the
   * whole chain find the root's answers about this CA (RFC 5280 §4.2.2.1 AIA: OCSP and the root
   * certificate; §4.2.1.13: the root's CRL).
   */
  public CertificateTemplate template(
      PublicKey key, IssuerInfo root, Instant now, RootRevocationUrls urls) {
    CertificateTemplate t = template(key, root, now);
    List<org.bouncycastle.asn1.x509.Extension> ext = new java.util.ArrayList<>(t.extensions());
    ext.add(CertExtensions.authorityInfoAccess(urls.ocsp(), urls.caIssuers()));
    ext.add(CertExtensions.crlDistributionPoint(urls.crl()));
    return t.withExtensions(ext);
  }

  public CertificateTemplate template(PublicKey key, IssuerInfo root, Instant now) {
    SubjectPublicKeyInfo spki = CertificateTemplate.spki(key);
    Instant notAfter = root.clampNotAfter(now.atZone(ZoneOffset.UTC).plus(validity).toInstant());
    return new CertificateTemplate(
        CertificateKind.ISSUING_CA,
        subject,
        root.name(),
        SerialNumbers.next(),
        root.clampNotBefore(now.minus(backdate)),
        notAfter,
        spki,
        List.of(
            CertExtensions.basicConstraints(true, 0, true), // RFC 5280 §4.2.1.9
            CertExtensions.keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign), // RFC 5280 §4.2.1.3
            CertExtensions.subjectKeyIdentifier(spki), // RFC 5280 §4.2.1.2
            root.authorityKeyIdentifier())); // RFC 5280 §4.2.1.1
  }
}
