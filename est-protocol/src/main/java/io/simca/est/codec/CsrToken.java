package io.simca.est.codec;

import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;

/**
 * The SIM attestation token carried inside the CSR (DESIGN.md enrolment step 3): the attribute
 * {@link #OID} whose single value is one UTF8String holding the compact JWS. For clients that can
 * send neither HTTP Basic nor Bearer (EST-coaps, RFC 9148, has no Authorization header); the CSR
 * signature then covers the token, so it cannot be swapped in transit.
 *
 * <p>RFC 2986 §4.1 lets a CertificationRequestInfo carry any attribute; RFC 7030 §4.5.2 lets the
 * server ask for it through csrattrs (simca lists this OID there).
 */
public final class CsrToken {

  /**
   * simcaSimAttestationToken, under the same UUID arc (ITU-T X.667) as {@link
   * CsrAttributes#SIM_ATTESTATION_REQUIRED}.
   */
  public static final ASN1ObjectIdentifier OID =
      new ASN1ObjectIdentifier("2.25.125338317216575072951466842463323497085.1.2");

  /** Longest token accepted in the attribute; the same bound as an Authorization header. */
  public static final int MAX_CHARS = 4096;

  private CsrToken() {}

  /** Adds the token attribute to a CSR being built (device side), before it is signed. */
  public static <B extends PKCS10CertificationRequestBuilder> B addTo(
      B builder, String compactJws) {
    if (compactJws == null || compactJws.isEmpty() || compactJws.length() > MAX_CHARS) {
      throw new IllegalArgumentException("token must be 1.." + MAX_CHARS + " characters");
    }
    builder.addAttribute(OID, new DERUTF8String(compactJws));
    return builder;
  }

  /**
   * The token in {@code request}, if the attribute is there.
   *
   * @throws EstRequestException {@code MALFORMED_CREDENTIALS} when the attribute is repeated, does
   *     not hold exactly one UTF8String, or holds an empty, oversized or non-UTF-8 one
   */
  public static Optional<String> read(PKCS10CertificationRequest request) {
    Attribute[] attributes = request.getAttributes(OID);
    if (attributes.length == 0) {
      return Optional.empty();
    }
    if (attributes.length > 1) {
      throw malformed("the attestation token attribute appears more than once");
    }
    ASN1Encodable[] values = attributes[0].getAttributeValues();
    if (values.length != 1 || !(values[0] instanceof ASN1UTF8String value)) {
      throw malformed("the attestation token attribute must hold one UTF8String");
    }
    String token;
    try {
      token = value.getString();
    } catch (IllegalArgumentException e) {
      // X.680 §41: a UTF8String holds UTF-8; BC decodes on access and refuses invalid bytes.
      throw malformed("the attestation token attribute is not valid UTF-8");
    }
    if (token.isEmpty() || token.length() > MAX_CHARS) {
      throw malformed("the attestation token attribute is empty or over " + MAX_CHARS + " chars");
    }
    return Optional.of(token);
  }

  private static EstRequestException malformed(String message) {
    return new EstRequestException(EstRequestException.Reason.MALFORMED_CREDENTIALS, message);
  }
}
