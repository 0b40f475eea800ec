package io.simca.ca.server.est;

import io.simca.ca.hierarchy.IssuingCa;
import io.simca.ca.hierarchy.LoadedHierarchy;
import io.simca.ca.issue.IssuanceEngine;
import io.simca.ca.policy.ClientCertificate;
import io.simca.ca.store.CertStatus;
import io.simca.ca.store.CertificateRow;
import io.simca.ca.store.CertificateStore;
import io.vertx.ext.web.RoutingContext;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;

/**
 * Validates the TLS client certificate of a re-enrolment. The EST listener accepts any client
 * certificate at the handshake (so a foreign or revoked one gets a 403 with a reason instead of a
 * bare TLS failure, see {@code TlsOptions}); the handshake proved possession of its key, and this
 * class establishes the rest: signed by one of our issuing CA generations (found by AKI, else by
 * issuer name, and verified), within its validity, stored as a device certificate with exactly
 * these bytes, and not revoked. Whether its SIM is still active is the policy's SIM rule. Blocking
 * (store read).
 */
public final class ClientCertificates {

  private final Supplier<LoadedHierarchy> hierarchy;
  private final CertificateStore certs;
  private final Clock clock;

  public ClientCertificates(
      Supplier<LoadedHierarchy> hierarchy, CertificateStore certs, Clock clock) {
    this.hierarchy = hierarchy;
    this.certs = certs;
    this.clock = clock;
  }

  /**
   * The peer chain of the request's TLS connection; empty without a client certificate. Event-loop
   * safe.
   */
  public static List<Certificate> peerChain(RoutingContext rc) {
    try {
      List<Certificate> chain = rc.request().connection().peerCertificates();
      return chain == null ? List.of() : chain;
    } catch (SSLPeerUnverifiedException | RuntimeException e) {
      return List.of();
    }
  }

  /** Facts about {@code chain}'s leaf; the re-enrol rule turns them into a decision. */
  public ClientCertificate inspect(List<Certificate> chain) {
    if (chain.isEmpty() || !(chain.get(0) instanceof X509Certificate leaf)) {
      return ClientCertificate.missing();
    }
    Optional<IssuingCa> ca = issuerOf(leaf);
    if (ca.isEmpty()) {
      return ClientCertificate.refused(
          leaf, ClientCertificate.Status.FOREIGN, "client certificate not issued by this CA");
    }
    Optional<CertificateRow> row = certs.find(leaf.getSerialNumber());
    if (row.isEmpty()
        || !row.get().caId().equals(ca.get().keyId())
        || row.get().certDer() == null
        || !Arrays.equals(row.get().certDer(), encoded(leaf))
        || row.get().iccid() == null
        || !IssuanceEngine.PROFILE.equals(row.get().profile())) {
      return ClientCertificate.refused(
          leaf,
          ClientCertificate.Status.FOREIGN,
          "client certificate is not an issued device certificate");
    }
    // From here the certificate is one we issued, so its row names the SIM the denial is audited
    // under.
    try {
      leaf.checkValidity(Date.from(clock.instant()));
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      return ClientCertificate.refused(
          leaf,
          row.get(),
          ClientCertificate.Status.EXPIRED,
          "client certificate is outside its validity");
    }
    if (row.get().status() == CertStatus.REVOKED) {
      return ClientCertificate.refused(
          leaf, row.get(), ClientCertificate.Status.REVOKED, "client certificate is revoked");
    }
    if (row.get().status() != CertStatus.ISSUED) {
      return ClientCertificate.refused(
          leaf, ClientCertificate.Status.FOREIGN, "client certificate was never issued");
    }
    return ClientCertificate.valid(leaf, row.get());
  }

  /**
   * The generation whose key signed {@code leaf} (RFC 5280 §4.2.1.1 AKI first, then issuer name).
   */
  private Optional<IssuingCa> issuerOf(X509Certificate leaf) {
    LoadedHierarchy h = hierarchy.get();
    Optional<IssuingCa> byAki = keyId(leaf).flatMap(h::byKeyId);
    List<IssuingCa> candidates =
        byAki
            .map(List::of)
            .orElseGet(
                () ->
                    h.all().stream()
                        .filter(
                            ca ->
                                ca.cert()
                                    .getSubjectX500Principal()
                                    .equals(leaf.getIssuerX500Principal()))
                        .toList());
    for (IssuingCa ca : candidates) {
      try {
        leaf.verify(ca.cert().getPublicKey());
        return Optional.of(ca);
      } catch (GeneralSecurityException | RuntimeException e) {
        // not this one
      }
    }
    return Optional.empty();
  }

  private static Optional<String> keyId(X509Certificate cert) {
    byte[] ext = cert.getExtensionValue(Extension.authorityKeyIdentifier.getId());
    if (ext == null) {
      return Optional.empty();
    }
    try {
      byte[] id =
          AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(ext).getOctets())
              .getKeyIdentifierOctets();
      return id == null ? Optional.empty() : Optional.of(HexFormat.of().formatHex(id));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static byte[] encoded(X509Certificate cert) {
    try {
      return cert.getEncoded();
    } catch (java.security.cert.CertificateEncodingException e) {
      return new byte[0];
    }
  }
}
