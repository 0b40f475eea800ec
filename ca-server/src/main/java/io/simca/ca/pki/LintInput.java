package io.simca.ca.pki;

import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.TBSCertificate;

/**
 * What a lint looks at: the to-be-signed certificate, the kind the profile meant it to be, and the
 * configured limits; with small helpers so each lint stays a few lines.
 */
public record LintInput(TBSCertificate tbs, CertificateKind kind, LintPolicy policy) {

  /** The (first) extension with {@code oid}, if any. */
  public Optional<Extension> extension(ASN1ObjectIdentifier oid) {
    Extensions exts = tbs.getExtensions();
    return exts == null ? Optional.empty() : Optional.ofNullable(exts.getExtension(oid));
  }

  /**
   * Self-signed in the RFC 5280 §4.2.1.1 sense that matters for AKI: issuer name equals subject
   * name and, when both key identifiers are present, they match.
   */
  public boolean selfSigned() {
    if (!tbs.getIssuer().equals(tbs.getSubject())) {
      return false;
    }
    Optional<Extension> aki = extension(Extension.authorityKeyIdentifier);
    Optional<Extension> ski = extension(Extension.subjectKeyIdentifier);
    if (aki.isEmpty() || ski.isEmpty()) {
      return true;
    }
    ASN1OctetString akiId =
        AuthorityKeyIdentifier.getInstance(aki.get().getParsedValue()).getKeyIdentifierObject();
    byte[] skiId = ASN1OctetString.getInstance(ski.get().getParsedValue()).getOctets();
    return akiId == null || Arrays.equals(akiId.getOctets(), skiId);
  }
}
