package io.simca.est.attest;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemGenerationException;

/**
 * PEM files for attester keys: SubjectPublicKeyInfo ({@code PUBLIC KEY}, what the CA's {@code
 * attesters/<kid>.pem} holds) and unencrypted PKCS#8 ({@code PRIVATE KEY}, what {@code attester
 * keygen} writes to {@code attesters/<kid>.key} with mode 0600). Reading also accepts OpenSSL's
 * traditional {@code EC PRIVATE KEY} and, for public keys, a certificate. Keys come back as
 * default-provider JCA keys.
 */
public final class PemKeys {

  private PemKeys() {}

  /** SPKI PEM ({@code -----BEGIN PUBLIC KEY-----}). */
  public static String publicKeyPem(PublicKey key) {
    return write(key);
  }

  /** Unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}); the caller protects the file. */
  public static String privateKeyPem(PrivateKey key) {
    try {
      return write(new JcaPKCS8Generator(key, null));
    } catch (PemGenerationException e) {
      throw new IllegalArgumentException("cannot encode private key as PKCS#8", e);
    }
  }

  /** Reads a public key from SPKI PEM (or the key of a PEM certificate). */
  public static PublicKey readPublicKey(String pem) {
    Object object = readObject(pem);
    try {
      if (object instanceof SubjectPublicKeyInfo spki) {
        return new JcaPEMKeyConverter().getPublicKey(spki);
      }
      if (object instanceof X509CertificateHolder cert) {
        return new JcaPEMKeyConverter().getPublicKey(cert.getSubjectPublicKeyInfo());
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("unsupported public key");
    }
    throw new IllegalArgumentException("PEM does not hold a public key");
  }

  /** Reads an unencrypted private key from PKCS#8 or traditional OpenSSL PEM. */
  public static PrivateKey readPrivateKey(String pem) {
    Object object = readObject(pem);
    try {
      if (object instanceof PrivateKeyInfo info) {
        return new JcaPEMKeyConverter().getPrivateKey(info);
      }
      if (object instanceof PEMKeyPair pair) {
        return new JcaPEMKeyConverter().getKeyPair(pair).getPrivate();
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("unsupported private key");
    }
    throw new IllegalArgumentException("PEM does not hold an unencrypted private key");
  }

  /** {@link #readPublicKey(String)} from a file. */
  public static PublicKey readPublicKey(Path file) throws IOException {
    return readPublicKey(Files.readString(file, StandardCharsets.US_ASCII));
  }

  /** {@link #readPrivateKey(String)} from a file. */
  public static PrivateKey readPrivateKey(Path file) throws IOException {
    return readPrivateKey(Files.readString(file, StandardCharsets.US_ASCII));
  }

  /** Writes SPKI PEM to {@code file} (replacing it). */
  public static void writePublicKey(Path file, PublicKey key) throws IOException {
    Files.writeString(file, publicKeyPem(key), StandardCharsets.US_ASCII);
  }

  /**
   * Writes PKCS#8 PEM to a new {@code file} created with mode 0600 on POSIX file systems, so the
   * key is never readable by others, not even briefly.
   */
  public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
    String pem = privateKeyPem(key);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(file);
    }
    Files.writeString(file, pem, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
  }

  private static Object readObject(String pem) {
    if (pem == null || pem.isBlank()) {
      throw new IllegalArgumentException("empty PEM");
    }
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object object = parser.readObject();
      if (object == null) {
        throw new IllegalArgumentException("no PEM object found");
      }
      return object;
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalArgumentException("malformed PEM");
    }
  }

  private static String write(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write PEM", e);
    }
    return out.toString();
  }
}
