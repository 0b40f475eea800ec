package io.simca.attester.http;

import io.simca.est.attest.PemKeys;
import io.simca.est.codec.CsrDecoder;
import io.simca.est.codec.EstRequestException;
import io.simca.est.codec.SubjectKeyType;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;

/**
 * The key a device wants attested, from the body of {@code POST /attest}: a PEM
 * SubjectPublicKeyInfo, or its PKCS#10 request (PEM, base64 or DER; the CSR signature is checked,
 * so the caller shows it holds the key). The key must be one the CA accepts ({@link
 * SubjectKeyType}).
 */
final class DeviceKeys {

  private static final String PEM_PUBLIC_KEY = "-----BEGIN PUBLIC KEY-----";

  private DeviceKeys() {}

  /**
   * @throws IllegalArgumentException with a short reason for the 400 body
   */
  static PublicKey read(byte[] body) {
    if (body.length == 0) {
      throw new IllegalArgumentException(
          "send the device's public key (PEM SubjectPublicKeyInfo) or its CSR");
    }
    try {
      String text = new String(body, StandardCharsets.US_ASCII);
      PublicKey key;
      if (text.contains(PEM_PUBLIC_KEY)) {
        key = PemKeys.readPublicKey(text);
      } else {
        key = CsrDecoder.decode(body).publicKey();
      }
      SubjectKeyType.of(key);
      return key;
    } catch (EstRequestException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }
}
