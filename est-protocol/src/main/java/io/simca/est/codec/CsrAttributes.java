package io.simca.est.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.est.AttrOrOID;
import org.bouncycastle.asn1.est.CsrAttrs;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The csrattrs response (RFC 7030 §4.5.2): tells a client which key and signature algorithm to use
 * and that simca wants a SIM attestation. Clients treat it as advice; the server enforces the same
 * rules in {@link CsrDecoder} and the attestation verifier.
 *
 * <p>Content for the default {@link SubjectKeyType#EC_P256}: the {@code ecdsa-with-SHA256} OID, an
 * {@code id-ecPublicKey} attribute naming {@code secp256r1}, {@link #SIM_ATTESTATION_REQUIRED} and
 * {@link CsrToken#OID}. The {@code challengePassword} OID (which asks RFC 7030 §3.5 clients to put
 * tls-unique in the CSR) is only added on request, because simca binds the CSR through the
 * attestation token's {@code cnf.jkt}, not through tls-unique.
 */
public final class CsrAttributes {

  /**
   * simcaSimAttestationRequired: "this CA requires a SIM attestation token for the CSR key". A
   * private OID under a UUID arc (ITU-T X.667, {@code 2.25.<uuid>}), which needs no registration
   * and cannot collide; it is a placeholder until the project owns an IANA Private Enterprise
   * Number, and clients that do not know it ignore it (RFC 7030 §4.5.2).
   */
  public static final ASN1ObjectIdentifier SIM_ATTESTATION_REQUIRED =
      new ASN1ObjectIdentifier("2.25.125338317216575072951466842463323497085.1.1");

  private CsrAttributes() {}

  /** DER CsrAttrs for the default key type (P-256). */
  public static byte[] der() {
    return der(SubjectKeyType.EC_P256, false);
  }

  /** DER CsrAttrs advising {@code preferredKey}, without the challengePassword OID. */
  public static byte[] der(SubjectKeyType preferredKey) {
    return der(preferredKey, false);
  }

  /**
   * DER CsrAttrs advising {@code preferredKey}; {@code askTlsUnique} adds the challengePassword OID
   * (RFC 7030 §3.5).
   */
  public static byte[] der(SubjectKeyType preferredKey, boolean askTlsUnique) {
    List<AttrOrOID> items = new ArrayList<>();
    if (askTlsUnique) {
      items.add(new AttrOrOID(PKCSObjectIdentifiers.pkcs_9_at_challengePassword));
    }
    switch (preferredKey) {
      case EC_P256 ->
          ec(items, X9ObjectIdentifiers.ecdsa_with_SHA256, SECObjectIdentifiers.secp256r1);
      case EC_P384 ->
          ec(items, X9ObjectIdentifiers.ecdsa_with_SHA384, SECObjectIdentifiers.secp384r1);
      // RFC 8410 §3: the same OID names the key and the signature algorithm.
      case ED25519 -> items.add(new AttrOrOID(EdECObjectIdentifiers.id_Ed25519));
      case RSA_2048 -> rsa(items, 2048);
      case RSA_3072 -> rsa(items, 3072);
      case RSA_4096 -> rsa(items, 4096);
    }
    items.add(new AttrOrOID(SIM_ATTESTATION_REQUIRED));
    // Where a client that sends no Authorization header puts the token (RFC 7030 §4.5.2: an OID
    // alone asks for that attribute in the CSR).
    items.add(new AttrOrOID(CsrToken.OID));
    try {
      return new CsrAttrs(items.toArray(AttrOrOID[]::new)).getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode CsrAttrs", e);
    }
  }

  /** Base64 body for the default key type, CRLF line breaks ({@link EstBase64#encode}). */
  public static String base64() {
    return EstBase64.encode(der());
  }

  /** Base64 body advising {@code preferredKey}. */
  public static String base64(SubjectKeyType preferredKey, boolean askTlsUnique) {
    return EstBase64.encode(der(preferredKey, askTlsUnique));
  }

  private static void ec(
      List<AttrOrOID> items, ASN1ObjectIdentifier signature, ASN1ObjectIdentifier curve) {
    items.add(new AttrOrOID(signature));
    // RFC 7030 §4.5.2 example: id-ecPublicKey attribute whose value is the named curve.
    items.add(new AttrOrOID(new Attribute(X9ObjectIdentifiers.id_ecPublicKey, new DERSet(curve))));
  }

  private static void rsa(List<AttrOrOID> items, int bits) {
    items.add(new AttrOrOID(PKCSObjectIdentifiers.sha256WithRSAEncryption));
    // lamps csrattrs clarification (RFC 7030 update) style: rsaEncryption attribute with the
    // modulus size.
    items.add(
        new AttrOrOID(
            new Attribute(PKCSObjectIdentifiers.rsaEncryption, new DERSet(new ASN1Integer(bits)))));
  }
}
