package io.simca.ca.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.util.IPAddress;

/**
 * Factories for the X.509 extensions simca's profiles use, each with the criticality RFC 5280 asks
 * for. Bouncy Castle encodes them; nothing here writes ASN.1 by hand.
 *
 * <p>Why: profiles then read as a list of facts ("basicConstraints CA pathLen 0") and the
 * criticality rules live in one place.
 */
public final class CertExtensions {

  private CertExtensions() {}

  /** RFC 5280 §4.2.1.9: critical in CA certificates; we also mark CA:false critical for devices. */
  public static Extension basicConstraints(boolean ca, Integer pathLen, boolean critical) {
    BasicConstraints bc =
        ca
            ? (pathLen == null ? new BasicConstraints(true) : new BasicConstraints(pathLen))
            : new BasicConstraints(false);
    return create(Extension.basicConstraints, critical, bc);
  }

  /** RFC 5280 §4.2.1.3: "conforming CAs SHOULD mark this extension as critical". */
  public static Extension keyUsage(int bits) {
    return create(Extension.keyUsage, true, new KeyUsage(bits));
  }

  /** RFC 5280 §4.2.1.12, non-critical so relying parties that do not know a purpose still work. */
  public static Extension extendedKeyUsage(KeyPurposeId... purposes) {
    return create(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
  }

  /** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING value. */
  public static Extension subjectKeyIdentifier(SubjectPublicKeyInfo spki) {
    return create(Extension.subjectKeyIdentifier, false, keyIdentifier(spki));
  }

  /** The RFC 5280 §4.2.1.2 method 1 key identifier of {@code spki}. */
  public static SubjectKeyIdentifier keyIdentifier(SubjectPublicKeyInfo spki) {
    return new BcX509ExtensionUtils().createSubjectKeyIdentifier(spki);
  }

  /** RFC 5280 §4.2.1.1: keyIdentifier = the issuer's SKI; non-critical. */
  public static Extension authorityKeyIdentifier(byte[] issuerKeyId) {
    return create(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(issuerKeyId));
  }

  /** RFC 5280 §4.2.1.6: critical only when the subject is empty. */
  public static Extension subjectAltName(boolean critical, List<GeneralName> names) {
    return create(
        Extension.subjectAlternativeName,
        critical,
        new GeneralNames(names.toArray(new GeneralName[0])));
  }

  /** DNS name, or IP address when {@code host} is an IPv4/IPv6 literal. */
  public static GeneralName hostName(String host) {
    return IPAddress.isValid(host)
        ? new GeneralName(GeneralName.iPAddress, host)
        : new GeneralName(GeneralName.dNSName, host);
  }

  public static GeneralName uri(String uri) {
    return new GeneralName(GeneralName.uniformResourceIdentifier, uri);
  }

  /** RFC 5280 §4.2.2.1: OCSP responder and caIssuers locations; non-critical. */
  public static Extension authorityInfoAccess(URI ocsp, URI caIssuers) {
    List<AccessDescription> ads = new ArrayList<>();
    if (ocsp != null) {
      ads.add(new AccessDescription(AccessDescription.id_ad_ocsp, uri(ocsp.toString())));
    }
    if (caIssuers != null) {
      ads.add(new AccessDescription(AccessDescription.id_ad_caIssuers, uri(caIssuers.toString())));
    }
    return create(
        Extension.authorityInfoAccess,
        false,
        new AuthorityInformationAccess(ads.toArray(new AccessDescription[0])));
  }

  /** RFC 5280 §4.2.1.13: one distribution point with a full-name URI; non-critical. */
  public static Extension crlDistributionPoint(URI crl) {
    DistributionPoint dp =
        new DistributionPoint(
            new DistributionPointName(new GeneralNames(uri(crl.toString()))), null, null);
    return create(
        Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {dp}));
  }

  /** RFC 6960 §4.2.2.2.1: id-pkix-ocsp-nocheck, value NULL, non-critical. */
  public static Extension ocspNoCheck() {
    return create(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
  }

  static Extension create(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
    try {
      return Extension.create(oid, critical, value);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode extension " + oid, e);
    }
  }
}
