package io.simca.est.codec;

import java.io.EOFException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.PublicKey;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * Turns a simpleenroll / simplereenroll body into a {@link ParsedCsr}, or refuses it with one
 * {@link EstRequestException} whose reason says which step failed. Steps, in order: size, base64
 * (RFC 8951), DER PKCS#10 (RFC 2986), key type, proof of possession (the signature verifies with
 * the request's own key, RFC 7030 §3.4).
 *
 * <p>The key type is checked before the signature although DESIGN.md lists proof of possession
 * first: classification is cheap and bounded, while verifying with an arbitrary key (a huge RSA
 * exponent, an odd curve) is exactly the work an attacker wants us to do. The only visible effect
 * is which reason wins when a CSR has both faults.
 *
 * <p>Verification uses the default JCA providers, so a faster provider installed by the server
 * (ACCP) is picked up.
 */
public final class CsrDecoder {

  /** Largest body accepted: an RSA-4096 CSR in base64 with PEM armour is under 4 KiB. */
  public static final int MAX_BODY_BYTES = 32 * 1024;

  private CsrDecoder() {}

  /**
   * Decodes and checks an EST CSR body.
   *
   * @throws EstRequestException with the reason of the first failed step
   */
  public static ParsedCsr decode(byte[] httpBody) {
    return decode(httpBody, null);
  }

  /**
   * As {@link #decode(byte[])}, verifying the proof of possession with {@code verifyProvider} (a
   * server passes its fast native provider; {@code null} = the JCA default).
   */
  public static ParsedCsr decode(byte[] httpBody, Provider verifyProvider) {
    if (httpBody != null && httpBody.length > MAX_BODY_BYTES) {
      throw new EstRequestException(
          EstRequestException.Reason.TOO_LARGE, "CSR body over " + MAX_BODY_BYTES + " bytes");
    }
    // Step 1: base64 (RFC 8951 §3).
    return decodeDer(EstBase64.decode(httpBody), verifyProvider);
  }

  /**
   * Decodes and checks a CSR sent as DER, without base64: EST-coaps carries {@code
   * application/pkcs10} as binary (RFC 9148 §5).
   *
   * @throws EstRequestException with the reason of the first failed step
   */
  public static ParsedCsr decodeDer(byte[] der, Provider verifyProvider) {
    if (der == null || der.length == 0) {
      throw new EstRequestException(EstRequestException.Reason.EMPTY, "empty CSR");
    }
    if (der.length > MAX_BODY_BYTES) {
      throw new EstRequestException(
          EstRequestException.Reason.TOO_LARGE, "CSR over " + MAX_BODY_BYTES + " bytes");
    }
    // Step 2: DER PKCS#10 (RFC 2986 §4.2).
    PKCS10CertificationRequest request = parse(der);
    // Step 3: key algorithm and size allowed (cheap, so before any signature work).
    SubjectKeyType type = SubjectKeyType.of(request.getSubjectPublicKeyInfo());
    // Step 4: proof of possession (RFC 7030 §3.4, RFC 2986 §3).
    PublicKey key = publicKey(request);
    if (!signatureVerifies(request, key, verifyProvider)) {
      throw new EstRequestException(
          EstRequestException.Reason.BAD_SIGNATURE, "CSR signature does not verify");
    }
    try {
      return new ParsedCsr(request, key, request.getSubjectPublicKeyInfo().getEncoded("DER"), type);
    } catch (IOException e) {
      throw new EstRequestException(
          EstRequestException.Reason.NOT_PKCS10, "CSR key cannot be re-encoded");
    }
  }

  private static PKCS10CertificationRequest parse(byte[] der) {
    ASN1Primitive primitive;
    try {
      primitive = ASN1Primitive.fromByteArray(der);
    } catch (IOException e) {
      if (isTruncation(der, e)) {
        throw new EstRequestException(EstRequestException.Reason.TRUNCATED, "CSR DER is truncated");
      }
      throw new EstRequestException(EstRequestException.Reason.NOT_PKCS10, "body is not DER");
    } catch (RuntimeException e) {
      throw new EstRequestException(EstRequestException.Reason.NOT_PKCS10, "body is not DER");
    }
    try {
      return new PKCS10CertificationRequest(CertificationRequest.getInstance(primitive));
    } catch (RuntimeException e) {
      throw new EstRequestException(
          EstRequestException.Reason.NOT_PKCS10, "body is not a PKCS#10 request");
    }
  }

  /**
   * A PKCS#10 request opens with a SEQUENCE (0x30); when it does and BC reports a declared length
   * beyond the input (out-of-bounds length or EOF), the body was cut short. Other garbage whose
   * first byte happens to declare a long length is simply not PKCS#10.
   */
  private static boolean isTruncation(byte[] der, IOException e) {
    if (der[0] != 0x30) {
      return false;
    }
    String message = String.valueOf(e.getMessage());
    return e instanceof EOFException
        || message.contains("out of bounds length")
        || message.contains("EOF");
  }

  private static PublicKey publicKey(PKCS10CertificationRequest request) {
    try {
      return new JcaPKCS10CertificationRequest(request).getPublicKey();
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new EstRequestException(
          EstRequestException.Reason.UNSUPPORTED_KEY, "CSR key cannot be loaded");
    }
  }

  private static boolean signatureVerifies(
      PKCS10CertificationRequest request, PublicKey key, Provider provider) {
    ContentVerifierProvider verifier;
    try {
      JcaContentVerifierProviderBuilder builder = new JcaContentVerifierProviderBuilder();
      verifier = (provider == null ? builder : builder.setProvider(provider)).build(key);
    } catch (OperatorCreationException e) {
      throw new EstRequestException(
          EstRequestException.Reason.UNSUPPORTED_KEY, "CSR key cannot verify signatures");
    }
    try {
      return request.isSignatureValid(verifier);
    } catch (PKCSException | RuntimeException e) {
      // The chosen provider may lack this algorithm: the JCA default then decides. With the
      // default itself, this is an unknown algorithm or an undecodable signature.
      return provider != null && signatureVerifies(request, key, null);
    }
  }
}
