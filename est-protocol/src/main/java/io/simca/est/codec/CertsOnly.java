package io.simca.est.codec;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;

/**
 * The "certs-only" degenerate CMS SignedData (RFC 5652 §5, no signers, no content) that EST returns
 * from cacerts and simpleenroll (RFC 7030 §4.1.3, §4.2.3). Encoding is for the server; {@link
 * #decode} is for clients and tests.
 */
public final class CertsOnly {

  private CertsOnly() {}

  /**
   * DER of a certs-only SignedData carrying {@code certs} in the given order.
   *
   * @throws IllegalArgumentException if {@code certs} is empty or a certificate cannot be encoded
   */
  public static byte[] encodeDer(List<X509Certificate> certs) {
    if (certs == null || certs.isEmpty()) {
      throw new IllegalArgumentException("certs-only needs at least one certificate");
    }
    try {
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      generator.addCertificates(new JcaCertStore(certs));
      // RFC 7030 §4.1.3: no signerInfos and absent eContent.
      CMSSignedData signedData = generator.generate(new CMSAbsentContent(), false);
      return signedData.getEncoded("DER");
    } catch (CertificateEncodingException | CMSException | IOException e) {
      throw new IllegalArgumentException("cannot encode certs-only: " + e.getMessage(), e);
    }
  }

  /**
   * The EST response body: base64 of {@link #encodeDer} with CRLF line breaks ({@link
   * EstBase64#encode}).
   */
  public static String encodeBase64(List<X509Certificate> certs) {
    return EstBase64.encode(encodeDer(certs));
  }

  /**
   * Reads the certificates from a certs-only body: base64 (any line breaks, PEM armour such as
   * {@code PKCS7}) or raw DER.
   *
   * @throws EstRequestException reason {@code EMPTY}, {@code NOT_BASE64} or {@code NOT_PKCS7}
   */
  public static List<X509Certificate> decode(byte[] body) {
    if (body == null || body.length == 0) {
      throw new EstDecodingException(EstRequestException.Reason.EMPTY, "empty body");
    }
    // A DER SEQUENCE starts with 0x30, which is '0' and can also open base64; try DER first.
    if (body[0] == 0x30) {
      try {
        return certificates(new CMSSignedData(body));
      } catch (CMSException | RuntimeException e) {
        // fall through to base64
      }
    }
    byte[] der = EstBase64.decode(body);
    try {
      return certificates(new CMSSignedData(der));
    } catch (CMSException | RuntimeException e) {
      throw new EstRequestException(
          EstRequestException.Reason.NOT_PKCS7, "body is not a PKCS#7 certs-only message");
    }
  }

  private static List<X509Certificate> certificates(CMSSignedData signedData) throws CMSException {
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    List<X509Certificate> out = new ArrayList<>();
    for (X509CertificateHolder holder : signedData.getCertificates().getMatches(null)) {
      try {
        out.add(converter.getCertificate(holder));
      } catch (CertificateException e) {
        throw new CMSException("certificate in certs-only cannot be read", e);
      }
    }
    if (out.isEmpty()) {
      throw new CMSException("certs-only carries no certificate");
    }
    return List.copyOf(out);
  }
}
