package io.simca.ca.ocsp;

import java.math.BigInteger;
import java.text.ParseException;
import java.time.Instant;
import java.util.Arrays;
import org.bouncycastle.asn1.ocsp.BasicOCSPResponse;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.ocsp.CertStatus;
import org.bouncycastle.asn1.ocsp.RevokedInfo;
import org.bouncycastle.asn1.ocsp.SingleResponse;

/**
 * A cached pre-signed response as the responder needs it: the full DER to send, and what it says
 * (CertID, state, window) to derive SHA-256 or nonce responses from the same status.
 *
 * @param core DER BasicOCSPResponse without certs (identity of the signed content)
 * @param etag HTTP validator of {@code der}, computed once per assembly
 */
public record PresignedResponse(
    byte[] der,
    CertID certId,
    OcspResponseSigner.State state,
    Instant thisUpdate,
    Instant nextUpdate,
    byte[] core,
    String etag) {

  static PresignedResponse of(byte[] der, BasicOCSPResponse basic, byte[] core) {
    SingleResponse single =
        SingleResponse.getInstance(basic.getTbsResponseData().getResponses().getObjectAt(0));
    try {
      Instant thisUpdate = single.getThisUpdate().getDate().toInstant();
      Instant nextUpdate =
          single.getNextUpdate() == null
              ? thisUpdate
              : single.getNextUpdate().getDate().toInstant();
      return new PresignedResponse(
          der,
          single.getCertID(),
          state(single.getCertStatus()),
          thisUpdate,
          nextUpdate,
          core,
          OcspAnswer.Signed.etagOf(der));
    } catch (ParseException e) {
      throw new IllegalArgumentException("bad time in cached OCSP response", e);
    }
  }

  private static OcspResponseSigner.State state(CertStatus status) throws ParseException {
    // RFC 6960 §4.2.1: CertStatus ::= CHOICE { good [0], revoked [1] RevokedInfo, unknown [2] }
    return switch (status.getTagNo()) {
      case 0 -> new OcspResponseSigner.Good();
      case 1 -> {
        RevokedInfo info = RevokedInfo.getInstance(status.getStatus());
        int reason =
            info.getRevocationReason() == null
                ? -1
                : info.getRevocationReason().getValue().intValue();
        yield new OcspResponseSigner.Revoked(
            info.getRevocationTime().getDate().toInstant(), reason);
      }
      default -> new OcspResponseSigner.Unknown();
    };
  }

  public BigInteger serial() {
    return certId.getSerialNumber().getValue();
  }

  /** SHA-1 of the issuer's public key as the pre-signed CertID carries it (RFC 5019 §2.1.1). */
  public byte[] issuerKeyHash() {
    return certId.getIssuerKeyHash().getOctets();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PresignedResponse p && Arrays.equals(core, p.core);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(core);
  }
}
