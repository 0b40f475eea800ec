package io.simca.est.codec;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * A PKCS#10 request that passed {@link CsrDecoder}: well-formed, self-signed by its key (proof of
 * possession) and of an accepted {@link SubjectKeyType}. Only the key matters to the CA; subject
 * and SANs in the request are never trusted (DESIGN.md enrolment step 4).
 *
 * @param request the parsed request (Bouncy Castle)
 * @param publicKey the subject key as a JCA key
 * @param spkiDer DER SubjectPublicKeyInfo of the key (copied on access)
 * @param keyType the accepted key type
 */
public record ParsedCsr(
    PKCS10CertificationRequest request,
    PublicKey publicKey,
    byte[] spkiDer,
    SubjectKeyType keyType) {

  public ParsedCsr {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(keyType, "keyType");
    spkiDer = spkiDer.clone();
  }

  @Override
  public byte[] spkiDer() {
    return spkiDer.clone();
  }

  /**
   * Lower-case hex SHA-256 of the DER SubjectPublicKeyInfo: the key's identity for reuse checks and
   * audit.
   */
  public String spkiSha256Hex() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spkiDer));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JCA", e);
    }
  }

  /**
   * The PKCS#9 challengePassword attribute (RFC 2985 §5.4.1), if present and a string; RFC 7030
   * §3.5 clients put the tls-unique value there. simca does not require it.
   */
  public Optional<String> challengePassword() {
    for (Attribute attribute :
        request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_challengePassword)) {
      for (ASN1Encodable value : attribute.getAttributeValues()) {
        if (value instanceof ASN1String s) {
          return Optional.of(s.getString());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The SIM attestation token carried in the CSR itself ({@link CsrToken}), if any.
   *
   * @throws EstRequestException {@code MALFORMED_CREDENTIALS} when the attribute is malformed
   */
  public Optional<String> attestationToken() {
    return CsrToken.read(request);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParsedCsr other && MessageDigest.isEqual(encoded(), other.encoded());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded());
  }

  @Override
  public String toString() {
    return "ParsedCsr[keyType=" + keyType + ", spkiSha256=" + spkiSha256Hex() + "]";
  }

  private byte[] encoded() {
    try {
      return request.getEncoded();
    } catch (IOException e) {
      return spkiDer.clone();
    }
  }
}
