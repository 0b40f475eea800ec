package io.simca.device;

import io.simca.est.attest.PemKeys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * The device's key and certificate chain on disk: {@code device.key} (PKCS#8 PEM, 0600) and {@code
 * device.pem} (the certificate, then the CA certificates the server returned). Replaced together by
 * writing both beside the old ones and renaming; the key goes first, so a crash in between leaves a
 * pair that {@link #load} refuses (and a fresh enrolment fixes), never a silent mix.
 */
public record DeviceCredentials(PrivateKey key, List<X509Certificate> chain) {

  public static final String KEY_FILE = "device.key";
  public static final String CERT_FILE = "device.pem";

  public X509Certificate certificate() {
    return chain.get(0);
  }

  public void save(Path dir) {
    try {
      Files.createDirectories(dir);
      Path keyTmp = dir.resolve(KEY_FILE + ".new");
      Path certTmp = dir.resolve(CERT_FILE + ".new");
      Files.deleteIfExists(keyTmp);
      PemKeys.writePrivateKey(keyTmp, key);
      Files.writeString(certTmp, pem(chain), StandardCharsets.US_ASCII);
      Files.move(
          keyTmp,
          dir.resolve(KEY_FILE),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      Files.move(
          certTmp,
          dir.resolve(CERT_FILE),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new DeviceFailure(
          "cannot write the device credentials in " + dir + ": " + e.getMessage());
    }
  }

  public static DeviceCredentials load(Path dir) {
    Path keyFile = dir.resolve(KEY_FILE);
    Path certFile = dir.resolve(CERT_FILE);
    if (!Files.exists(keyFile) || !Files.exists(certFile)) {
      throw new DeviceFailure(
          "no " + KEY_FILE + " and " + CERT_FILE + " in " + dir + ": enrol first");
    }
    try {
      PrivateKey key = PemKeys.readPrivateKey(keyFile);
      List<X509Certificate> chain = readChain(Files.readAllBytes(certFile));
      if (chain.isEmpty()) {
        throw new DeviceFailure(certFile + " holds no certificate");
      }
      if (!Keys.matches(key, chain.get(0).getPublicKey())) {
        throw new DeviceFailure(keyFile + " is not the key of " + certFile + ": enrol again");
      }
      return new DeviceCredentials(key, chain);
    } catch (IOException | IllegalArgumentException e) {
      throw new DeviceFailure(
          "cannot read the device credentials in " + dir + ": " + e.getMessage());
    }
  }

  static List<X509Certificate> readChain(byte[] pem) {
    try {
      return CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem))
          .stream()
          .map(X509Certificate.class::cast)
          .toList();
    } catch (CertificateException e) {
      throw new IllegalArgumentException("not PEM certificates: " + e.getMessage());
    }
  }

  private static String pem(List<X509Certificate> certs) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      for (X509Certificate c : certs) {
        w.writeObject(c);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
