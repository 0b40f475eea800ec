package io.simca.ca.pki;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * The device certificate profile of DESIGN.md "Certificate profile (device)", for one issuing CA.
 *
 * <p>Why it holds the issuer: everything that does not depend on the device (issuer name, AKI, AIA,
 * CDP, basicConstraints, keyUsage, EKU) is encoded once here and shared by every template, which is
 * most of the per-certificate ASN.1 work. Thread-safe (immutable).
 *
 * <p>The API takes a {@link DeviceIdentity} and a public key only: the CSR's subject, SANs and
 * requested extensions are never copied.
 */
public final class DeviceProfile {

  private final IssuerInfo issuer;
  private final DeviceProfileSettings settings;
  private final Clock clock;
  private final List<Extension> fixed;

  public DeviceProfile(IssuerInfo issuer, DeviceProfileSettings settings, Clock clock) {
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.fixed =
        List.of(
            CertExtensions.basicConstraints(false, null, true), // RFC 5280 §4.2.1.9
            CertExtensions.keyUsage(KeyUsage.digitalSignature), // RFC 5280 §4.2.1.3
            CertExtensions.extendedKeyUsage(
                KeyPurposeId.id_kp_clientAuth), // RFC 5280 §4.2.1.12; mTLS renewal
            issuer.authorityKeyIdentifier(), // RFC 5280 §4.2.1.1
            CertExtensions.authorityInfoAccess(
                settings.ocspUrl(), settings.caIssuersUrl()), // RFC 5280 §4.2.2.1
            CertExtensions.crlDistributionPoint(settings.crlUrl())); // RFC 5280 §4.2.1.13
  }

  public DeviceProfileSettings settings() {
    return settings;
  }

  public IssuerInfo issuer() {
    return issuer;
  }

  /** A template for {@code device}'s certificate over {@code key}, valid from now. */
  public CertificateTemplate template(DeviceIdentity device, PublicKey key) {
    return template(device, CertificateTemplate.spki(key));
  }

  public CertificateTemplate template(DeviceIdentity device, SubjectPublicKeyInfo spki) {
    Instant now = clock.instant();
    // Backdate for device clock skew, but never before the issuer's notBefore, and never past the
    // issuer's notAfter (a chain is only as valid as its shortest link, RFC 5280 §6.1.3 (a)(2)).
    Instant notBefore = issuer.clampNotBefore(now.minus(settings.backdate()));
    Instant notAfter = issuer.clampNotAfter(now.plus(settings.validity()));
    if (!issuer.notAfter().isAfter(now) || !notAfter.isAfter(notBefore)) {
      throw new IllegalStateException("issuing CA " + issuer.name() + " has expired; cannot issue");
    }

    X500NameBuilder nb = new X500NameBuilder(BCStyle.INSTANCE);
    device.tenant().ifPresent(t -> nb.addRDN(BCStyle.O, t));
    nb.addRDN(BCStyle.CN, device.iccid());
    X500Name subject = nb.build();

    List<Extension> exts = new ArrayList<>(fixed.size() + 2);
    exts.addAll(fixed);
    exts.add(CertExtensions.subjectKeyIdentifier(spki)); // RFC 5280 §4.2.1.2 method 1
    device
        .imeiUrn()
        .ifPresent(
            urn -> // RFC 7254 §3; subject non-empty, so not critical
            exts.add(CertExtensions.subjectAltName(false, List.of(CertExtensions.uri(urn)))));

    return new CertificateTemplate(
        CertificateKind.DEVICE,
        subject,
        issuer.name(),
        SerialNumbers.next(),
        notBefore,
        notAfter,
        spki,
        exts);
  }
}
