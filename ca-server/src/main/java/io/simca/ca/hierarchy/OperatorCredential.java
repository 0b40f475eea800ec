package io.simca.ca.hierarchy;

import io.simca.ca.crypto.CryptoProviders;
import io.simca.ca.crypto.KeyFiles;
import io.simca.ca.crypto.KeyType;
import io.simca.ca.pki.OperatorRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * An operator credential written to {@code operators/<name>.p12} with its passphrase file, and the
 * client side of getting one: the key is generated where the credential will live and only a CSR
 * goes to the admin API ({@code simca operator issue}), so the private key never travels.
 */
public record OperatorCredential(
    String name, OperatorRole role, Path p12, Path passFile, X509Certificate certificate) {

  /** A fresh operator key and the PKCS#10 request (DER) for it; the subject is a hint only. */
  public record Request(KeyPair keyPair, byte[] csrDer) {}

  /** Generates an EC P-256 key and its CSR (the server's profile sets subject and extensions). */
  public static Request newRequest(String name) {
    CryptoProviders providers = CryptoProviders.get();
    KeyPair kp = KeyType.EC_P256.generate(providers);
    try {
      byte[] der =
          new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + name), kp.getPublic())
              .build(providers.contentSigner(kp.getPrivate(), KeyType.EC_P256.signatureAlgorithm()))
              .getEncoded();
      return new Request(kp, der);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes the issued credential: PKCS#12 with {@code chain} (leaf first) under a fresh passphrase
   * written to {@code passFile}, both mode 0600. Refuses to overwrite either file.
   */
  public static OperatorCredential write(
      String name,
      OperatorRole role,
      PrivateKey key,
      List<X509Certificate> chain,
      Path p12,
      Path passFile) {
    for (Path p : List.of(p12, passFile)) {
      if (Files.exists(p)) {
        throw new HierarchyException(p + " already exists; refusing to overwrite it");
      }
    }
    char[] passphrase = KeyFiles.generatePassphrase();
    try {
      KeyFiles.writePassphrase(passFile, passphrase);
      KeyFiles.writePkcs12(p12, key, chain, passphrase);
    } finally {
      Arrays.fill(passphrase, '\0');
    }
    return new OperatorCredential(name, role, p12, passFile, chain.get(0));
  }
}
