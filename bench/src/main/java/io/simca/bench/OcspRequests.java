package io.simca.bench;

import io.simca.ca.crypto.Pem;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.text.SimpleDateFormat;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.TimeZone;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Builds the OCSP benchmark inputs from issued certificates: one DER OCSPRequest per certificate
 * (SHA-1 CertID, no nonce: the RFC 5019 profile), written as GET paths and hex POST bodies for
 * wrk's Lua script, one request as a file for ab, and an {@code index.txt} so that {@code openssl
 * ocsp -index} can serve the same CA as the peer.
 *
 * <pre>  OcspRequests CERTS_PEM ISSUER_PEM OUT_DIR</pre>
 */
public final class OcspRequests {

  public static void main(String[] args) throws Exception {
    List<X509Certificate> certs = Pem.readCertificates(Path.of(args[0]));
    X509Certificate issuer = Pem.readCertificate(Path.of(args[1]));
    Path out = Path.of(args[2]);
    Files.createDirectories(out);
    var digest = new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1);
    var issuerHolder = new JcaX509CertificateHolder(issuer);
    SimpleDateFormat expiry = new SimpleDateFormat("yyMMddHHmmss'Z'");
    expiry.setTimeZone(TimeZone.getTimeZone("UTC"));
    try (PrintWriter get = new PrintWriter(Files.newBufferedWriter(out.resolve("get-paths.txt")));
        PrintWriter post =
            new PrintWriter(Files.newBufferedWriter(out.resolve("post-bodies.hex")));
        PrintWriter index = new PrintWriter(Files.newBufferedWriter(out.resolve("index.txt")))) {
      for (X509Certificate c : certs) {
        BigInteger serial = c.getSerialNumber();
        byte[] der =
            new OCSPReqBuilder()
                .addRequest(new CertificateID(digest, issuerHolder, serial))
                .build()
                .getEncoded();
        // RFC 6960 A.1: GET {url}/{url-encoding of base-64 encoding of the DER OCSPRequest}
        get.println(
            "/ocsp/"
                + URLEncoder.encode(
                    Base64.getEncoder().encodeToString(der), StandardCharsets.US_ASCII));
        post.println(HexFormat.of().formatHex(der));
        index.printf(
            "V\t%s\t\t%s\tunknown\t%s%n",
            expiry.format(c.getNotAfter()),
            serial.toString(16).toUpperCase(),
            "/" + c.getSubjectX500Principal().getName().replace(",", "/"));
      }
      if (!certs.isEmpty()) {
        Files.write(
            out.resolve("one-request.der"),
            new OCSPReqBuilder()
                .addRequest(new CertificateID(digest, issuerHolder, certs.get(0).getSerialNumber()))
                .build()
                .getEncoded());
      }
    }
    Files.writeString(out.resolve("index.txt.attr"), "unique_subject = no\n");
    System.out.println(certs.size() + " requests written to " + out);
  }
}
