package io.simca.ca.pki;

import java.security.PublicKey;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * The offline root: self-signed, P-384 by convention, 20 years, may certify one level of CAs.
 *
 * <p>Why pathLen 1: the root signs issuing CAs, which sign only end entities (pathLen 0), so a
 * stolen issuing key cannot mint a sub-CA (RFC 5280 §4.2.1.9).
 */
public record RootCaProfile(X500Name subject, Period validity, java.time.Duration backdate) {

  public static final Period DEFAULT_VALIDITY = Period.ofYears(20);

  public RootCaProfile {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(validity, "validity");
    Objects.requireNonNull(backdate, "backdate");
  }

  public static RootCaProfile of(X500Name subject) {
    return new RootCaProfile(subject, DEFAULT_VALIDITY, java.time.Duration.ofMinutes(5));
  }

  public CertificateTemplate template(PublicKey key, Instant now) {
    SubjectPublicKeyInfo spki = CertificateTemplate.spki(key);
    Instant notAfter = now.atZone(ZoneOffset.UTC).plus(validity).toInstant();
    return new CertificateTemplate(
        CertificateKind.ROOT_CA,
        subject,
        subject,
        SerialNumbers.next(),
        now.minus(backdate),
        notAfter,
        spki,
        List.of(
            CertExtensions.basicConstraints(true, 1, true), // RFC 5280 §4.2.1.9
            CertExtensions.keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign), // RFC 5280 §4.2.1.3
            CertExtensions.subjectKeyIdentifier(spki))); // RFC 5280 §4.2.1.2
  }
}
