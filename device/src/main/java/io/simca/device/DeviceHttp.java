package io.simca.device;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The agent's HTTP client: TLS trusting only the CA root it was given (RFC 7030 §4.1.1: an explicit
 * trust anchor, never the system store), optionally presenting the current device certificate
 * (re-enrolment, §4.2.2), and sending from the given local address so that the attester sees the
 * device's APN address.
 */
final class DeviceHttp {

  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private DeviceHttp() {}

  static HttpClient client(
      Path trustRoot, Optional<InetAddress> source, Optional<DeviceCredentials> identity) {
    try {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      try (InputStream in = Files.newInputStream(trustRoot)) {
        int i = 0;
        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          trust.setCertificateEntry("anchor-" + i++, c);
        }
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      KeyManagerFactory kmf = null;
      if (identity.isPresent()) {
        char[] none = new char[0];
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry(
            "device",
            identity.get().key(),
            none,
            identity.get().chain().toArray(new Certificate[0]));
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, none);
      }
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      HttpClient.Builder b =
          HttpClient.newBuilder()
              .sslContext(tls)
              .connectTimeout(TIMEOUT)
              .version(HttpClient.Version.HTTP_1_1)
              .followRedirects(HttpClient.Redirect.NEVER);
      source.ifPresent(b::localAddress);
      return b.build();
    } catch (IOException | GeneralSecurityException e) {
      throw new DeviceFailure("cannot load the trust anchor " + trustRoot + ": " + e.getMessage());
    }
  }
}
