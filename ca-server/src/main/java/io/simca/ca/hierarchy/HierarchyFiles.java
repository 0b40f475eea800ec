package io.simca.ca.hierarchy;

import io.simca.ca.crypto.KeyFileException;
import io.simca.ca.crypto.KeyFiles;
import io.simca.ca.crypto.Pem;
import io.simca.ca.crypto.SigningKey;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** Reads hierarchy files and turns every failure into a one-line {@link HierarchyException}. */
final class HierarchyFiles {

  private HierarchyFiles() {}

  static SigningKey readKey(Path p12, char[] passphrase) {
    try {
      return KeyFiles.readPkcs12(p12, passphrase);
    } catch (KeyFileException e) {
      throw new HierarchyException(e.getMessage(), e);
    }
  }

  /** A key whose passphrase is in {@code passFile} (online keys: issuing CAs, OCSP responders). */
  static SigningKey readKeyWithPassFile(Path p12, Path passFile) {
    char[] pass;
    try {
      pass = KeyFiles.readPassphrase(passFile);
    } catch (KeyFileException e) {
      throw new HierarchyException(e.getMessage().replace("key file", "passphrase file"), e);
    }
    try {
      return readKey(p12, pass);
    } finally {
      Arrays.fill(pass, '\0');
    }
  }

  static X509Certificate readCert(Path pem) {
    if (!Files.isRegularFile(pem)) {
      throw new HierarchyException("certificate file " + pem + " does not exist");
    }
    try {
      return Pem.readCertificate(pem);
    } catch (UncheckedIOException | IllegalArgumentException e) {
      throw new HierarchyException(
          "certificate file " + pem + " is not a readable PEM certificate", e);
    }
  }

  static void requireInitialised(DataDir dir) {
    if (!dir.isInitialised()) {
      throw new HierarchyException(
          "no CA hierarchy in "
              + dir.root()
              + " ("
              + dir.rootCert()
              + " is missing): run 'simca ca init' first");
    }
  }

  static void requireLabel(DataDir dir, String label) {
    if (!DataDir.isValidLabel(label)) {
      throw new HierarchyException(
          "invalid label '" + label + "': use 1-32 of [a-z0-9_-], not 'root' or 'archive'");
    }
  }

  static void requireKnownLabel(DataDir dir, String label) {
    requireLabel(dir, label);
    if (!Files.isRegularFile(dir.issuingCert(label))) {
      throw new HierarchyException(
          "unknown issuing CA label '"
              + label
              + "' (known: "
              + String.join(", ", dir.labels())
              + ")");
    }
  }

  /** RFC 6960 §4.1.1: issuerKeyHash is the hash of the subjectPublicKey BIT STRING value. */
  static byte[] keyHash(X509Certificate cert, String digest) {
    return digest(
        digest,
        SubjectPublicKeyInfo.getInstance(cert.getPublicKey().getEncoded())
            .getPublicKeyData()
            .getBytes());
  }

  /** RFC 6960 §4.1.1 issuerNameHash: the digest of the DER of the issuer's subject name. */
  static byte[] nameHash(X509Certificate cert, String digest) {
    return digest(digest, cert.getSubjectX500Principal().getEncoded());
  }

  private static byte[] digest(String algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
