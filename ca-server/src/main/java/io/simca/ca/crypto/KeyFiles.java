package io.simca.ca.crypto;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Enumeration;
import java.util.List;
import javax.crypto.spec.PBEParameterSpec;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * Reads and writes private-key files: passphrase-protected PKCS#12, unencrypted PKCS#8 PEM for the
 * TLS listener, and passphrase files.
 *
 * <p>Why: every key simca holds at rest goes through here, so the rules live in one place: mode
 * 0600 from creation (never chmod afterwards), 0700 parent directories, atomic replace, modern
 * PKCS#12 (PBES2 with AES-256-CBC and PBKDF2-HMAC-SHA256, HMAC-SHA256 MAC; OpenSSL 3 reads it), and
 * errors that name the file but never the passphrase or the key.
 */
public final class KeyFiles {

  /** PBES2 / PBKDF2-HmacSHA256 / AES-256-CBC for the key bag (RFC 8018 §6.2). */
  private static final String KEY_PROTECTION = "PBEWithHmacSHA256AndAES_256";

  private static final int PBKDF2_ITERATIONS = 10_000;
  private static final String ALIAS = "key";
  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyFiles() {}

  /**
   * Writes {@code key} with {@code chain} (leaf first) to a PKCS#12 file, mode 0600. The JDK's
   * PKCS12 defaults (JDK 17+) protect certificates with PBES2/AES-256 and MAC with HMAC-SHA256; the
   * key bag's protection is set here explicitly so a changed JDK default cannot weaken it.
   */
  public static void writePkcs12(
      Path file, PrivateKey key, List<X509Certificate> chain, char[] passphrase) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      byte[] salt = new byte[16];
      RANDOM.nextBytes(salt);
      KeyStore.PasswordProtection protection =
          new KeyStore.PasswordProtection(
              passphrase, KEY_PROTECTION, new PBEParameterSpec(salt, PBKDF2_ITERATIONS));
      ks.setEntry(
          ALIAS, new KeyStore.PrivateKeyEntry(key, chain.toArray(new Certificate[0])), protection);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ks.store(out, passphrase);
      SecureFiles.writePrivate(file, out.toByteArray());
    } catch (GeneralSecurityException | IOException e) {
      throw new KeyFileException(
          KeyFileException.Kind.UNREADABLE, "cannot write key file " + file, e);
    }
  }

  /** Writes a {@link SigningKey} (key + chain) to a PKCS#12 file, mode 0600. */
  public static void writePkcs12(Path file, SigningKey signingKey, char[] passphrase) {
    writePkcs12(file, signingKey.key(), signingKey.chain(), passphrase);
  }

  /**
   * Reads the first private-key entry of a PKCS#12 file.
   *
   * @throws KeyFileException "wrong passphrase for FILE", "key file FILE does not exist", ...
   */
  public static SigningKey readPkcs12(Path file, char[] passphrase) {
    byte[] bytes = readBytes(file);
    KeyStore ks;
    try {
      ks = KeyStore.getInstance("PKCS12");
      ks.load(new ByteArrayInputStream(bytes), passphrase);
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw wrongPassphrase(file, e);
      }
      throw new KeyFileException(
          KeyFileException.Kind.MALFORMED,
          "key file " + file + " is not a readable PKCS#12 file",
          e);
    } catch (GeneralSecurityException e) {
      throw new KeyFileException(
          KeyFileException.Kind.MALFORMED,
          "key file " + file + " is not a readable PKCS#12 file",
          e);
    }
    try {
      Enumeration<String> aliases = ks.aliases();
      while (aliases.hasMoreElements()) {
        String alias = aliases.nextElement();
        if (!ks.isKeyEntry(alias)) {
          continue;
        }
        Key k = ks.getKey(alias, passphrase);
        if (!(k instanceof PrivateKey pk)) {
          continue;
        }
        Certificate[] certs = ks.getCertificateChain(alias);
        if (certs == null || certs.length == 0) {
          throw new KeyFileException(
              KeyFileException.Kind.MALFORMED,
              "key file " + file + " has a key but no certificate",
              null);
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate c : certs) {
          chain.add((X509Certificate) c);
        }
        return new SigningKey(pk, chain.get(0), chain);
      }
    } catch (UnrecoverableKeyException e) {
      throw wrongPassphrase(file, e);
    } catch (GeneralSecurityException e) {
      throw new KeyFileException(
          KeyFileException.Kind.MALFORMED,
          "key file " + file + " is not a readable PKCS#12 file",
          e);
    }
    throw new KeyFileException(
        KeyFileException.Kind.MALFORMED, "key file " + file + " holds no private key", null);
  }

  private static KeyFileException wrongPassphrase(Path file, Exception e) {
    return new KeyFileException(
        KeyFileException.Kind.WRONG_PASSPHRASE, "wrong passphrase for " + file, e);
  }

  /**
   * Writes {@code key} as unencrypted PKCS#8 PEM ("PRIVATE KEY"), mode 0600: what TLS stacks load.
   */
  public static void writePkcs8Pem(Path file, PrivateKey key) {
    StringWriter sw = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
      w.writeObject(new JcaPKCS8Generator(key, null));
    } catch (IOException e) {
      throw new KeyFileException(
          KeyFileException.Kind.UNREADABLE, "cannot encode key for " + file, e);
    }
    SecureFiles.writePrivate(file, sw.toString().getBytes(StandardCharsets.US_ASCII));
  }

  /** Writes a passphrase (or any secret) file: mode 0600, atomic replace via temp file + move. */
  public static void writePrivateFile(Path file, byte[] content) {
    SecureFiles.writePrivate(file, content);
  }

  /**
   * Writes a passphrase file (UTF-8, newline-terminated so {@code openssl -passin file:} reads it).
   */
  public static void writePassphrase(Path file, char[] passphrase) {
    java.nio.ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(passphrase));
    byte[] exact = new byte[encoded.remaining() + 1];
    encoded.get(exact, 0, exact.length - 1);
    exact[exact.length - 1] = '\n';
    try {
      SecureFiles.writePrivate(file, exact);
    } finally {
      Arrays.fill(exact, (byte) 0);
      if (encoded.hasArray()) {
        Arrays.fill(encoded.array(), (byte) 0);
      }
    }
  }

  /** Reads a passphrase file: its first line, without the line terminator. */
  public static char[] readPassphrase(Path file) {
    byte[] bytes = readBytes(file);
    try {
      int end = 0;
      while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
        end++;
      }
      if (end == 0) {
        throw new KeyFileException(
            KeyFileException.Kind.MALFORMED, "passphrase file " + file + " is empty", null);
      }
      CharBuffer cb = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(bytes, 0, end));
      char[] out = new char[cb.remaining()];
      cb.get(out);
      return out;
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** 32 bytes from {@link SecureRandom}, base64url without padding (43 characters). */
  public static char[] generatePassphrase() {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(raw).toCharArray();
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  private static byte[] readBytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new KeyFileException(
          KeyFileException.Kind.MISSING, "key file " + file + " does not exist", e);
    } catch (AccessDeniedException e) {
      throw new KeyFileException(
          KeyFileException.Kind.UNREADABLE,
          "key file " + file + " is not readable (permission denied)",
          e);
    } catch (IOException e) {
      throw new KeyFileException(
          KeyFileException.Kind.UNREADABLE,
          "key file " + file + " is not readable: " + e.getMessage(),
          e);
    }
  }
}
