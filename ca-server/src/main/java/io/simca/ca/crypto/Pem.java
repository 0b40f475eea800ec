package io.simca.ca.crypto;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * PEM encoding of certificates and chains (RFC 7468), through Bouncy Castle's writer and parser.
 *
 * <p>Why: the data dir's public files ({@code ca/root.pem}, {@code ca/<label>.pem}, {@code
 * tls/chain.pem}) are PEM so that openssl, curl and scripts read them; one class keeps their
 * encoding consistent. Public files are written 0644 and atomically.
 */
public final class Pem {

  private Pem() {}

  /** PEM text of the given certificates, in order. */
  public static String encode(List<X509Certificate> certs) {
    StringWriter sw = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
      for (X509Certificate c : certs) {
        w.writeObject(c);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sw.toString();
  }

  public static String encode(X509Certificate cert) {
    return encode(List.of(cert));
  }

  /** Writes certificates as PEM, mode 0644, atomically. */
  public static void writeCertificates(Path file, List<X509Certificate> certs) {
    SecureFiles.writePublic(file, encode(certs).getBytes(StandardCharsets.US_ASCII));
  }

  public static void writeCertificate(Path file, X509Certificate cert) {
    writeCertificates(file, List.of(cert));
  }

  /** All certificates in a PEM text, in order; other PEM objects are skipped. */
  public static List<X509Certificate> decodeCertificates(String pem) {
    return parseCertificates(new StringReader(pem), "PEM text");
  }

  /** All certificates in a PEM file, in order. */
  public static List<X509Certificate> readCertificates(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("certificate file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "certificate file " + file + " is not readable: " + e.getMessage(), e);
    }
    return parseCertificates(new StringReader(text), file.toString());
  }

  /** The first certificate in a PEM file. */
  public static X509Certificate readCertificate(Path file) {
    List<X509Certificate> certs = readCertificates(file);
    if (certs.isEmpty()) {
      throw new IllegalArgumentException("no certificate in " + file);
    }
    return certs.get(0);
  }

  /** Reads an unencrypted private key (PKCS#8 "PRIVATE KEY" or traditional) from PEM text. */
  public static PrivateKey decodePrivateKey(String pem) {
    try (PEMParser p = new PEMParser(new StringReader(pem))) {
      Object o;
      while ((o = p.readObject()) != null) {
        JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
        if (o instanceof PrivateKeyInfo pki) {
          return conv.getPrivateKey(pki);
        }
        if (o instanceof PEMKeyPair kp) {
          return conv.getKeyPair(kp).getPrivate();
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed private key PEM", e);
    }
    throw new IllegalArgumentException("no private key in PEM text");
  }

  private static List<X509Certificate> parseCertificates(Reader reader, String source) {
    List<X509Certificate> out = new ArrayList<>();
    JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
    try (PEMParser p = new PEMParser(reader)) {
      Object o;
      while ((o = p.readObject()) != null) {
        if (o instanceof X509CertificateHolder h) {
          out.add(conv.getCertificate(h));
        }
      }
    } catch (IOException | CertificateException | RuntimeException e) {
      throw new IllegalArgumentException("malformed certificate PEM in " + source, e);
    }
    return out;
  }
}
