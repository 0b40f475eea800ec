package io.simca.ca.crl;

import io.simca.ca.crypto.CryptoProviders;
import io.simca.ca.crypto.SigningKey;
import io.simca.ca.hierarchy.IssuingCa;
import io.simca.ca.pki.IssuerInfo;
import io.simca.ca.store.RevokedEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.TBSCertList;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V2TBSCertListGenerator;
import org.bouncycastle.operator.ContentSigner;

/**
 * Builds and signs one full CRL v2 (RFC 5280 §5.1) of an issuing CA generation from a stream of
 * revoked entries. Entries are built with Bouncy Castle's ASN.1 classes, sharing the reasonCode
 * extension objects (there are only a handful of reasons), so a million entries cost one small
 * sequence each. Revocation dates are encoded once per distinct second: Bouncy Castle formats each
 * {@link Time} through SimpleDateFormat (most of the generation time in a profile), and a CRL of
 * 24-hour certificates holds at most 86,400 distinct revocation seconds. Stateless between calls.
 */
public final class CrlGenerator {

  /** A signed CRL and how many entries it lists. */
  public record Generated(byte[] der, int entries) {}

  private final CryptoProviders crypto;
  private final Map<Integer, DERSequence> reasonOnly = new HashMap<>();

  public CrlGenerator(CryptoProviders crypto) {
    this.crypto = crypto;
    for (int code : new int[] {1, 2, 3, 4, 5, 6, 8, 9, 10}) {
      reasonOnly.put(code, new DERSequence(reasonExtension(code)));
    }
  }

  /**
   * @param idpUrl the CRL distribution point URL written in the certificates of this CA; the IDP
   *     must name it exactly (RFC 5280 §5.2.5, §6.3.3 (b)(2)(i))
   * @param source feeds every revoked, unexpired entry to the consumer it is given
   */
  public Generated generate(
      IssuingCa ca,
      URI idpUrl,
      long crlNumber,
      Instant thisUpdate,
      Instant nextUpdate,
      Consumer<Consumer<RevokedEntry>> source) {
    return generate(ca.signingKey(), idpUrl, false, crlNumber, thisUpdate, nextUpdate, source);
  }

  /**
   * As above for any CA key: {@code caCertsOnly} marks the root's CRL of its issuing CAs (an ARL,
   * IDP onlyContainsCACerts, RFC 5280 §5.2.5) instead of an issuing CA's CRL of end entities; a
   * null {@code idpUrl} leaves the IDP without a distribution point name, so the CRL's scope is
   * every CA certificate of its issuer (the root's own included, which openssl -crl_check_all
   * checks too).
   */
  public Generated generate(
      SigningKey key,
      URI idpUrl,
      boolean caCertsOnly,
      long crlNumber,
      Instant thisUpdate,
      Instant nextUpdate,
      Consumer<Consumer<RevokedEntry>> source) {
    ContentSigner signer = crypto.contentSigner(key.key(), key.keyType().signatureAlgorithm());
    V2TBSCertListGenerator g = new V2TBSCertListGenerator();
    g.setSignature(signer.getAlgorithmIdentifier());
    g.setIssuer(X500Name.getInstance(key.cert().getSubjectX500Principal().getEncoded()));
    g.setThisUpdate(
        new Time(Date.from(thisUpdate.truncatedTo(ChronoUnit.SECONDS)))); // RFC 5280 §5.1.2.4
    g.setNextUpdate(
        new Time(Date.from(nextUpdate.truncatedTo(ChronoUnit.SECONDS)))); // RFC 5280 §5.1.2.5
    int[] count = {0};
    Map<Long, Time> times = new HashMap<>();
    source.accept(
        e -> {
          g.addCRLEntry(entry(e, times));
          count[0]++;
        });
    g.setExtensions(
        new Extensions(
            new Extension[] {
              IssuerInfo.of(key.cert()).authorityKeyIdentifier(), // RFC 5280 §5.2.1
              extension(
                  Extension.cRLNumber,
                  false,
                  new CRLNumber(BigInteger.valueOf(crlNumber))), // RFC 5280 §5.2.3
              // RFC 5280 §5.2.5: critical; end-entity certificates only, or CA certificates only.
              extension(
                  Extension.issuingDistributionPoint,
                  true,
                  new IssuingDistributionPoint(
                      idpUrl == null
                          ? null
                          : new DistributionPointName(
                              new GeneralNames(
                                  new GeneralName(
                                      GeneralName.uniformResourceIdentifier, idpUrl.toString()))),
                      !caCertsOnly,
                      caCertsOnly,
                      null,
                      false,
                      false))
            }));
    TBSCertList tbs = g.generateTBSCertList();
    try {
      try (OutputStream out = signer.getOutputStream()) {
        out.write(tbs.getEncoded(ASN1Encoding.DER));
      }
      // RFC 5280 §5.1: CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm,
      // signatureValue }
      byte[] der =
          new DERSequence(
                  new ASN1Encodable[] {
                    tbs, signer.getAlgorithmIdentifier(), new DERBitString(signer.getSignature())
                  })
              .getEncoded(ASN1Encoding.DER);
      return new Generated(der, count[0]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * RFC 5280 §5.1.2.6 revokedCertificates entry, with §5.3.1 reasonCode and §5.3.2 invalidityDate.
   */
  private DERSequence entry(RevokedEntry e, Map<Long, Time> times) {
    ASN1Integer serial = new ASN1Integer(e.serial());
    // Time picks UTCTime through 2049 and GeneralizedTime after (RFC 5280 §5.1.2.6, §4.1.2.5).
    Time date =
        times.computeIfAbsent(
            e.revokedAt().getEpochSecond(), s -> new Time(Date.from(Instant.ofEpochSecond(s))));
    // RFC 5280 §5.3.1: reasonCode unspecified (0) SHOULD be absent.
    boolean hasReason = e.reasonCode() != 0 && reasonOnly.containsKey(e.reasonCode());
    if (e.invalidityDate() == null) {
      return hasReason
          ? new DERSequence(new ASN1Encodable[] {serial, date, reasonOnly.get(e.reasonCode())})
          : new DERSequence(new ASN1Encodable[] {serial, date});
    }
    Extension invalidity =
        extension(
            Extension.invalidityDate,
            false,
            new ASN1GeneralizedTime(Date.from(e.invalidityDate().truncatedTo(ChronoUnit.SECONDS))));
    DERSequence exts =
        hasReason
            ? new DERSequence(new ASN1Encodable[] {reasonExtension(e.reasonCode()), invalidity})
            : new DERSequence(invalidity);
    return new DERSequence(new ASN1Encodable[] {serial, date, exts});
  }

  private static Extension reasonExtension(int code) {
    return extension(Extension.reasonCode, false, CRLReason.lookup(code));
  }

  private static Extension extension(
      org.bouncycastle.asn1.ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
    try {
      return new Extension(
          oid, critical, new DEROctetString(value.toASN1Primitive().getEncoded(ASN1Encoding.DER)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
