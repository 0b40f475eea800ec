package io.simca.ca.pki;

import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;

/**
 * Operator client certificates for the admin API (mTLS), one per person or automation.
 *
 * <p>Role encoding (the one the admin API trusts): exactly one SAN URI {@code
 * urn:simca:role:<admin|operator|auditor|attester>}. A SAN is standard, shown by every tool ({@code
 * openssl x509 -text}: "URI:urn:simca:role:admin") and cannot be confused with a name; a
 * private-OID extension would need its own OID arc and parser. The subject also carries {@code
 * OU=<role>} for humans reading logs, but {@link #roleOf} reads only the SAN, and a certificate
 * with zero or several role URIs has no role.
 *
 * <p>Key purposes (RFC 5280 §4.2.1.12): id-kp-clientAuth, which TLS stacks check, and simca's own
 * {@link #OPERATOR_KEY_PURPOSE}, which only this profile sets ({@link OperatorEkuLint}); the admin
 * listener requires it in the handshake, so a device certificate from the same issuing CA never
 * completes an admin TLS handshake.
 */
public record OperatorProfile(String organization, Duration validity, Duration backdate) {

  /** Lifetime of the first credential {@code ca init} writes ({@code operators/admin.p12}). */
  public static final Duration DEFAULT_VALIDITY = Duration.ofDays(365);

  /**
   * Default lifetime of a credential from {@code simca operator issue}: short, so leaks age out.
   */
  public static final int DEFAULT_ISSUE_DAYS = 30;

  /** Longest lifetime {@code simca operator issue --days} accepts. */
  public static final int MAX_ISSUE_DAYS = 365;

  /**
   * simca's operator key purpose, {@code 2.25.125338317216575072951466842463323497085.2.1} (the
   * project's UUID arc, beside the CSR attribute OIDs {@code ...1.1} and {@code ...1.2}).
   */
  public static final KeyPurposeId OPERATOR_KEY_PURPOSE =
      KeyPurposeId.getInstance(
          new ASN1ObjectIdentifier("2.25.125338317216575072951466842463323497085.2.1"));

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  public OperatorProfile {
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(validity, "validity");
    Objects.requireNonNull(backdate, "backdate");
  }

  public static OperatorProfile of(String organization) {
    return new OperatorProfile(organization, DEFAULT_VALIDITY, Duration.ofMinutes(5));
  }

  /** The profile for credentials signed by {@code ca}: the same {@code O=} as the CA. */
  public static OperatorProfile forIssuer(X509Certificate ca) {
    String org = "simca";
    try {
      RDN[] rdns = new JcaX509CertificateHolder(ca).getSubject().getRDNs(BCStyle.O);
      if (rdns.length > 0) {
        org = IETFUtils.valueToString(rdns[0].getFirst().getValue());
      }
    } catch (CertificateEncodingException e) {
      // keep the default
    }
    return of(org);
  }

  /** The same profile with another lifetime. */
  public OperatorProfile withValidity(Duration value) {
    return new OperatorProfile(organization, value, backdate);
  }

  /**
   * True when {@code cert} carries {@link #OPERATOR_KEY_PURPOSE} (and so came from this profile).
   */
  public static boolean hasOperatorKeyPurpose(X509Certificate cert) {
    try {
      List<String> eku = cert.getExtendedKeyUsage();
      return eku != null && eku.contains(OPERATOR_KEY_PURPOSE.getId());
    } catch (CertificateParsingException e) {
      return false;
    }
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
            CertExtensions.extendedKeyUsage(
                KeyPurposeId.id_kp_clientAuth, OPERATOR_KEY_PURPOSE), // RFC 5280 §4.2.1.12
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
