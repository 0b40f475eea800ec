package io.simca.ca.ocsp;

import io.simca.ca.hierarchy.IssuingCa;
import io.simca.ca.store.OcspCertStatus;
import io.simca.ca.store.OcspResponseRow;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Pre-signs the responses that are served from memory (RFC 5019 §2.2: pre-produced responses). Each
 * is signed once per state change or refresh, with a SHA-1 CertID (RFC 5019 §2.1.1: the lightweight
 * profile's clients use SHA-1); SHA-256 requests are answered by the responder.
 */
public final class OcspPresigner {

  private final OcspResponseSigner signer;
  private final Duration validity;

  public OcspPresigner(OcspResponseSigner signer, Duration validity) {
    this.signer = signer;
    this.validity = validity;
  }

  public OcspResponseRow good(IssuingCa ca, BigInteger serial, Instant now) {
    return presign(ca, serial, new OcspResponseSigner.Good(), OcspCertStatus.GOOD, now);
  }

  public OcspResponseRow revoked(
      IssuingCa ca, BigInteger serial, Instant revokedAt, int reasonCode, Instant now) {
    return presign(
        ca,
        serial,
        new OcspResponseSigner.Revoked(revokedAt, reasonCode),
        OcspCertStatus.REVOKED,
        now);
  }

  public Duration validity() {
    return validity;
  }

  public OcspResponseSigner signer() {
    return signer;
  }

  private OcspResponseRow presign(
      IssuingCa ca,
      BigInteger serial,
      OcspResponseSigner.State state,
      OcspCertStatus status,
      Instant now) {
    // RFC 5019 §2.2.4: thisUpdate is when the status was known correct; nextUpdate bounds caching.
    Instant thisUpdate = now;
    Instant nextUpdate = now.plus(validity);
    // RFC 6960 §4.2.2.2: the delegated responder signs; the CA key itself only if it has none.
    byte[] der =
        signer.sign(
            ca.ocspResponder().orElse(ca.signingKey()),
            List.of(
                new OcspResponseSigner.Single(
                    signer.certId(ca.cert(), serial, false), state, thisUpdate, nextUpdate)),
            now,
            Optional.empty());
    return OcspResponseRow.of(serial, ca.keyId(), status, der, thisUpdate, nextUpdate, now);
  }
}
