package io.simca.ca.hierarchy;

import io.simca.ca.crypto.CryptoProviders;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * The issuing CA requests that travel between a node and the offline root: PEM "CERTIFICATE
 * REQUEST" (RFC 7468 §7) holding a PKCS#10 request (RFC 2986), read back with its proof of
 * possession checked.
 */
final class CsrPem {

  private static final Pattern ISSUING_CN =
      Pattern.compile("simca Issuing CA (\\S+) G([0-9]{1,6})");

  private CsrPem() {}

  static String encode(byte[] der) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(new PemObject("CERTIFICATE REQUEST", der));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** A request whose signature verifies with its own key. */
  record Request(PublicKey publicKey, String commonName) {

    /** The generation the request asks for; it must be for {@code label}. */
    int generationFor(String label, Path file) {
      Matcher m = ISSUING_CN.matcher(commonName);
      if (!m.matches()) {
        throw new HierarchyException(
            file
                + ": not an issuing CA request from 'simca ca request-intermediate' (CN="
                + commonName
                + ")");
      }
      if (!m.group(1).equals(label)) {
        throw new HierarchyException(
            file + " is a request for label '" + m.group(1) + "', not '" + label + "'");
      }
      return Integer.parseInt(m.group(2));
    }
  }

  static Request read(Path file) {
    PKCS10CertificationRequest csr;
    try (PEMParser p =
        new PEMParser(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)))) {
      Object o = p.readObject();
      if (!(o instanceof PKCS10CertificationRequest r)) {
        throw new HierarchyException(file + " is not a PEM certificate request");
      }
      csr = r;
    } catch (IOException | RuntimeException e) {
      if (e instanceof HierarchyException h) {
        throw h;
      }
      throw new HierarchyException(file + " is not a readable PEM certificate request", e);
    }
    try {
      PublicKey key = new JcaPKCS10CertificationRequest(csr).getPublicKey();
      if (!csr.isSignatureValid(CryptoProviders.get().verifierProvider(key))) {
        throw new HierarchyException(
            file + ": the request's signature does not verify with its key (altered in transit?)");
      }
      RDN[] cn = csr.getSubject().getRDNs(BCStyle.CN);
      String commonName =
          cn.length == 0 ? "" : IETFUtils.valueToString(cn[0].getFirst().getValue());
      return new Request(key, commonName);
    } catch (PKCSException | java.security.GeneralSecurityException | IllegalArgumentException e) {
      throw new HierarchyException(
          file + ": cannot check the request's signature: " + e.getMessage(), e);
    }
  }
}
