package io.simca.est.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS contexts for simca's clients (the CLI's admin client, the attester's inventory client, the
 * device agent): trust only the anchors in a PEM file, never the system store (RFC 7030 §4.1.1's
 * explicit trust anchor), and present a client certificate when one is given.
 */
public final class ClientTls {

  private ClientTls() {}

  /** Trusts the certificates in {@code anchorsPem}; no client certificate. */
  public static SSLContext trusting(Path anchorsPem) throws IOException, GeneralSecurityException {
    return context(null, anchorsPem);
  }

  /** As {@link #trusting}, presenting the key and chain of a PKCS#12 file. */
  public static SSLContext withPkcs12(Path p12, char[] password, Path anchorsPem)
      throws IOException, GeneralSecurityException {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      keys.load(in, password);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, password);
    return context(kmf.getKeyManagers(), anchorsPem);
  }

  /** As {@link #trusting}, presenting {@code key} with {@code chain} (leaf first). */
  public static SSLContext withKey(PrivateKey key, List<X509Certificate> chain, Path anchorsPem)
      throws IOException, GeneralSecurityException {
    char[] none = new char[0];
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("client", key, none, chain.toArray(new Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, none);
    return context(kmf.getKeyManagers(), anchorsPem);
  }

  private static SSLContext context(KeyManager[] keyManagers, Path anchorsPem)
      throws IOException, GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    int i = 0;
    try (InputStream in = Files.newInputStream(anchorsPem)) {
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trust.setCertificateEntry("anchor-" + i++, c);
      }
    }
    if (i == 0) {
      throw new GeneralSecurityException("no certificate in " + anchorsPem);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keyManagers, tmf.getTrustManagers(), null);
    return tls;
  }
}
