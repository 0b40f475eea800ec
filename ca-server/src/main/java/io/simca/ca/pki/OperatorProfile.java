package io.simca.ca.pki;

import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Operator client certificates for the admin API (mTLS), one per person or automation.
 *
 * <p>Role encoding (the one the admin API trusts): exactly one SAN URI {@code
 * urn:simca:role:<admin|operator|auditor>}. A SAN is standard, shown by every tool ({@code openssl
 * x509 -text}: "URI:urn:simca:role:admin") and cannot be confused with a name; a private-OID
 * extension would need its own OID arc and parser. The subject also carries {@code OU=<role>} for
 * humans reading logs, but {@link #roleOf} reads only the SAN, and a certificate with zero or
 * several role URIs has no role.
 */
public record OperatorProfile(String organization, Duration validity, Duration backdate) {

  public static final Duration DEFAULT_VALIDITY = Duration.ofDays(365);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  public OperatorProfile {
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(validity, "validity");
    Objects.requireNonNull(backdate, "backdate");
  }

  public static OperatorProfile of(String organization) {
    return new OperatorProfile(organization, DEFAULT_VALIDITY, Duration.ofMinutes(5));
  }

  /** True for names usable as CN and as a file name ({@code operators/<name>.p12}). */
  public static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  public CertificateTemplate template(
      String name, OperatorRole role, PublicKey key, IssuerInfo issuer, Instant now) {
    if (!isValidName(name)) {
      throw new IllegalArgumentException("operator name must be 1-64 of [A-Za-z0-9._-]: " + name);
    }
    SubjectPublicKeyInfo spki = CertificateTemplate.spki(key);
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.O, organization)
            .addRDN(BCStyle.OU, role.id())
            .addRDN(BCStyle.CN, name)
            .build();
    return new CertificateTemplate(
        CertificateKind.OPERATOR,
        subject,
        issuer.name(),
        SerialNumbers.next(),
        issuer.clampNotBefore(now.minus(backdate)),
        issuer.clampNotAfter(now.plus(validity)),
        spki,
        List.of(
            CertExtensions.basicConstraints(false, null, true), // RFC 5280 §4.2.1.9
            CertExtensions.keyUsage(KeyUsage.digitalSignature), // RFC 5280 §4.2.1.3
            CertExtensions.extendedKeyUsage(KeyPurposeId.id_kp_clientAuth), // RFC 5280 §4.2.1.12
            CertExtensions.subjectAltName(
                false, List.of(CertExtensions.uri(role.urn()))), // RFC 5280 §4.2.1.6
            CertExtensions.subjectKeyIdentifier(spki), // RFC 5280 §4.2.1.2
            issuer.authorityKeyIdentifier())); // RFC 5280 §4.2.1.1
  }

  /** The role encoded in an operator certificate: exactly one {@code urn:simca:role:} SAN URI. */
  public static Optional<OperatorRole> roleOf(X509Certificate cert) {
    Collection<List<?>> sans;
    try {
      sans = cert.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return Optional.empty();
    }
    if (sans == null) {
      return Optional.empty();
    }
    Optional<OperatorRole> found = Optional.empty();
    for (List<?> san : sans) {
      if (((Integer) san.get(0)) == 6
          && san.get(1) instanceof String uri
          && uri.startsWith(OperatorRole.URN_PREFIX)) {
        if (found.isPresent()) {
          return Optional.empty(); // ambiguous: refuse rather than guess
        }
        found = OperatorRole.fromId(uri.substring(OperatorRole.URN_PREFIX.length()));
        if (found.isEmpty()) {
          return Optional.empty();
        }
      }
    }
    return found;
  }
}
