package io.simca.ca.ocsp;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPRequest;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.Req;

/**
 * Turns request bytes into a decision-ready value with Bouncy Castle's {@link OCSPReq}.
 *
 * <p>Two kinds of bad input are told apart: bytes that are not DER at all (an HTTP-level 400: this
 * is not an OCSP client talking), and DER that is not a usable OCSPRequest (RFC 6960 §2.3: answered
 * with a {@code malformedRequest} OCSP response).
 */
public final class OcspRequestParser {

  /** Upper bound on CertIDs per request: each may need a signature. */
  public static final int MAX_REQUESTS = 16;

  /** What the bytes turned out to be. */
  public sealed interface Result permits Parsed, NotDer, Malformed {}

  /**
   * A well-formed request.
   *
   * @param nonce the RFC 8954 nonce octets, if the request carries the extension
   * @param nonceUnreadable the nonce extension is present but its value is not an OCTET STRING
   */
  public record Parsed(List<CertID> certIds, Optional<byte[]> nonce, boolean nonceUnreadable)
      implements Result {
    public Parsed {
      certIds = List.copyOf(certIds);
    }
  }

  public record NotDer(String detail) implements Result {}

  public record Malformed(String detail) implements Result {}

  private OcspRequestParser() {}

  public static Result parse(byte[] body) {
    if (body.length == 0) {
      return new NotDer("empty OCSP request");
    }
    ASN1Primitive asn1;
    try {
      asn1 = ASN1Primitive.fromByteArray(body); // also refuses trailing bytes
    } catch (IOException | RuntimeException e) {
      return new NotDer("OCSP request is not DER");
    }
    OCSPReq req;
    try {
      req = new OCSPReq(OCSPRequest.getInstance(asn1));
    } catch (RuntimeException e) {
      return new Malformed("not an OCSPRequest");
    }
    Req[] list;
    try {
      list = req.getRequestList();
    } catch (RuntimeException e) {
      return new Malformed("unreadable requestList");
    }
    if (list.length == 0) {
      return new Malformed(
          "empty requestList"); // RFC 6960 §4.1.1: SEQUENCE OF Request, at least one is meaningful
    }
    if (list.length > MAX_REQUESTS) {
      return new Malformed("more than " + MAX_REQUESTS + " requests");
    }
    List<CertID> ids;
    try {
      ids = java.util.Arrays.stream(list).map(r -> r.getCertID().toASN1Primitive()).toList();
    } catch (RuntimeException e) {
      return new Malformed("unreadable CertID");
    }
    // RFC 8954 §2.1: the nonce extension's value is an OCTET STRING holding the nonce.
    Extension ext = req.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
    if (ext == null) {
      return new Parsed(ids, Optional.empty(), false);
    }
    try {
      byte[] nonce =
          ASN1OctetString.getInstance(ASN1Primitive.fromByteArray(ext.getExtnValue().getOctets()))
              .getOctets();
      return new Parsed(ids, Optional.of(nonce), false);
    } catch (IOException | RuntimeException e) {
      return new Parsed(ids, Optional.empty(), true);
    }
  }
}
