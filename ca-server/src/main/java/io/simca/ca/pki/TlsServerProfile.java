package io.simca.ca.pki;

import io.simca.ca.crypto.KeyType;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * The server's own TLS certificate for the EST and admin listeners.
 *
 * <p>Why these names: clients validate the SAN, not the CN (RFC 6125 §6.4.4), and the defaults
 * listen on loopback, so {@code localhost}, {@code 127.0.0.1} and {@code ::1} are always present;
 * deployments add their host names and addresses. keyEncipherment only for RSA keys, which are the
 * only ones that can do RSA key transport (RFC 5280 §4.2.1.3); TLS 1.3 needs only digitalSignature.
 */
public record TlsServerProfile(
    X500Name subject, List<String> hostNames, Duration validity, Duration backdate) {

  public static final Duration DEFAULT_VALIDITY = Duration.ofDays(365);
  public static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "::1");

  public TlsServerProfile {
    Objects.requireNonNull(subject, "subject");
    hostNames = List.copyOf(hostNames);
    Objects.requireNonNull(validity, "validity");
    Objects.requireNonNull(backdate, "backdate");
  }

  public static TlsServerProfile of(X500Name subject, List<String> extraHostNames) {
    return new TlsServerProfile(subject, extraHostNames, DEFAULT_VALIDITY, Duration.ofMinutes(5));
  }

  /** Loopback names followed by the configured ones, without duplicates. */
  public List<String> allNames() {
    Set<String> names = new LinkedHashSet<>(LOOPBACK);
    names.addAll(hostNames);
    return List.copyOf(names);
  }

  public CertificateTemplate template(PublicKey key, IssuerInfo issuer, Instant now) {
    SubjectPublicKeyInfo spki = CertificateTemplate.spki(key);
    List<GeneralName> sans = new ArrayList<>();
    for (String n : allNames()) {
      sans.add(CertExtensions.hostName(n));
    }
    int ku = KeyUsage.digitalSignature;
    if (KeyType.of(key).jcaAlgorithm().equals("RSA")) {
      ku |= KeyUsage.keyEncipherment;
    }
    return new CertificateTemplate(
        CertificateKind.TLS_SERVER,
        subject,
        issuer.name(),
        SerialNumbers.next(),
        issuer.clampNotBefore(now.minus(backdate)),
        issuer.clampNotAfter(now.plus(validity)),
        spki,
        List.of(
            CertExtensions.basicConstraints(false, null, true), // RFC 5280 §4.2.1.9
            CertExtensions.keyUsage(ku), // RFC 5280 §4.2.1.3
            CertExtensions.extendedKeyUsage(KeyPurposeId.id_kp_serverAuth), // RFC 5280 §4.2.1.12
            CertExtensions.subjectAltName(false, sans), // RFC 5280 §4.2.1.6
            CertExtensions.subjectKeyIdentifier(spki), // RFC 5280 §4.2.1.2
            issuer.authorityKeyIdentifier())); // RFC 5280 §4.2.1.1
  }
}
