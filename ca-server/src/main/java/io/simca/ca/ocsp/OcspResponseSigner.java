package io.simca.ca.ocsp;

import io.simca.ca.crypto.CryptoProviders;
import io.simca.ca.crypto.SigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Signs OCSP responses with a delegated responder key (RFC 6960 §4.2.2.2). Stateless and
 * thread-safe; used at issuance (pre-signed {@code good}), on revocation, on refresh, and for
 * nonce-echoing responses when configured.
 */
public final class OcspResponseSigner {

  /** RFC 6960 §4.2.1 certificate states. */
  public sealed interface State permits Good, Revoked, Unknown {}

  public record Good() implements State {}

  /** {@code reasonCode} is an RFC 5280 CRLReason, or -1 to omit it. */
  public record Revoked(Instant revokedAt, int reasonCode) implements State {}

  public record Unknown() implements State {}

  /**
   * One SingleResponse: which certificate (its CertID, in the hash algorithm the client used), its
   * state and window.
   */
  public record Single(CertificateID certId, State state, Instant thisUpdate, Instant nextUpdate) {}

  private final CryptoProviders crypto;
  private final DigestCalculatorProvider digests;

  public OcspResponseSigner(CryptoProviders crypto) {
    this.crypto = crypto;
    try {
      this.digests = new JcaDigestCalculatorProviderBuilder().build();
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("no digest provider", e);
    }
  }

  /**
   * A CertID for {@code serial} under {@code issuer}, hashed with SHA-1 (RFC 5019 §2.1.1) or
   * SHA-256.
   */
  public CertificateID certId(X509Certificate issuer, BigInteger serial, boolean sha256) {
    try {
      AlgorithmIdentifier alg =
          sha256
              ? new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)
              : CertificateID.HASH_SHA1;
      return new CertificateID(digests.get(alg), new JcaX509CertificateHolder(issuer), serial);
    } catch (OperatorCreationException | OCSPException | CertificateEncodingException e) {
      throw new IllegalStateException("cannot build CertID", e);
    }
  }

  /**
   * Builds and signs a successful response. ResponderID is byKey (RFC 5019 §2.2.3: smaller and
   * stable across responder renewals); the responder certificate is included so relying parties can
   * verify the delegation (RFC 6960 §4.2.2.2).
   */
  public byte[] sign(
      SigningKey responder, List<Single> singles, Instant producedAt, Optional<byte[]> nonce) {
    try {
      X509CertificateHolder responderCert = new JcaX509CertificateHolder(responder.cert());
      SubjectPublicKeyInfo spki = responderCert.getSubjectPublicKeyInfo();
      BasicOCSPRespBuilder builder =
          new BasicOCSPRespBuilder(new RespID(spki, digests.get(CertificateID.HASH_SHA1)));
      for (Single s : singles) {
        builder.addResponse(
            s.certId(),
            status(s.state()),
            Date.from(s.thisUpdate()),
            Date.from(s.nextUpdate()),
            (Extensions) null);
      }
      // RFC 8954 §2.1: echo the request's nonce in the response extensions.
      if (nonce.isPresent()) {
        builder.setResponseExtensions(
            new Extensions(
                new Extension(
                    OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                    false,
                    new DEROctetString(nonce.get()).getEncoded(ASN1_DER))));
      }
      var basic =
          builder.build(
              crypto.contentSigner(responder.key(), responder.keyType().signatureAlgorithm()),
              new X509CertificateHolder[] {responderCert},
              Date.from(producedAt));
      return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
    } catch (OCSPException | OperatorCreationException | CertificateEncodingException e) {
      throw new IllegalStateException("cannot sign OCSP response", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An unsigned error response (RFC 6960 §4.2.1: responseStatus only, no responseBytes). */
  public static byte[] error(int responseStatus) {
    try {
      return new OCSPRespBuilder().build(responseStatus, null).getEncoded();
    } catch (OCSPException | IOException e) {
      throw new IllegalStateException("cannot encode OCSP error response", e);
    }
  }

  /** {@code malformedRequest} (RFC 6960 §4.2.1). */
  public static final int MALFORMED_REQUEST = OCSPResp.MALFORMED_REQUEST;

  /** {@code unauthorized}: we are not authoritative for that issuer (RFC 5019 §2.2.3). */
  public static final int UNAUTHORIZED = OCSPResp.UNAUTHORIZED;

  /** {@code tryLater}: the store is unavailable. */
  public static final int TRY_LATER = OCSPResp.TRY_LATER;

  public static final int INTERNAL_ERROR = OCSPResp.INTERNAL_ERROR;

  private static final String ASN1_DER = "DER";

  private static CertificateStatus status(State state) {
    return switch (state) {
      case Good g -> CertificateStatus.GOOD;
      case Revoked r ->
          r.reasonCode() < 0
              ? new RevokedStatus(Date.from(r.revokedAt()))
              : new RevokedStatus(Date.from(r.revokedAt()), r.reasonCode());
      case Unknown u -> new UnknownStatus();
    };
  }
}
