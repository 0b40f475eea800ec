package io.simca.ca.server;

import io.simca.ca.hierarchy.DataDir;
import io.simca.ca.hierarchy.LoadedHierarchy;
import io.simca.ca.server.admin.OperatorTrustManager;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.TrustOptions;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the TLS side of the two HTTPS listeners from the server credential in {@code <data>/tls/}.
 */
final class TlsOptions {

  private static final Logger LOG = LoggerFactory.getLogger(TlsOptions.class);
  private static volatile boolean loggedEngine;

  /**
   * Forward-secret AEAD suites only: TLS 1.3's three, and TLS 1.2 ECDHE with AES-GCM or
   * ChaCha20-Poly1305 (RFC 9325 §4.2). No CBC, no SHA-1 MAC, no static RSA: every client simca
   * meets (curl, openssl, libest, Bouncy Castle, the JDK, gnutls) has these.
   */
  static final List<String> CIPHER_SUITES =
      List.of(
          "TLS_AES_128_GCM_SHA256",
          "TLS_AES_256_GCM_SHA384",
          "TLS_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  private TlsOptions() {}

  /**
   * EST: client certificates are requested, not required (enrolment has none), and accepted
   * unverified at the TLS layer so a foreign or revoked certificate reaches the handler and gets a
   * 403 with a reason (RFC 7030 §3.3.2) instead of a bare handshake failure. The handshake still
   * proves possession of the presented certificate's key.
   */
  static HttpServerOptions est(HttpServerOptions base, DataDir dir, boolean nativeTls) {
    return common(base, dir, nativeTls)
        .setClientAuth(ClientAuth.REQUEST)
        .setTrustOptions(TrustOptions.wrap(new DeferToHandler()));
  }

  /**
   * Admin API: mutual TLS is mandatory; only operator certificates (the operator key purpose, on a
   * chain to our hierarchy) complete the handshake ({@link OperatorTrustManager}).
   */
  static HttpServerOptions admin(
      HttpServerOptions base, DataDir dir, LoadedHierarchy hierarchy, boolean nativeTls) {
    return common(base, dir, nativeTls)
        .setClientAuth(ClientAuth.REQUIRED)
        .setTrustOptions(TrustOptions.wrap(OperatorTrustManager.of(hierarchy)));
  }

  private static HttpServerOptions common(HttpServerOptions base, DataDir dir, boolean nativeTls) {
    HttpServerOptions o =
        new HttpServerOptions(base)
            .setSsl(true)
            .setKeyCertOptions(
                new PemKeyCertOptions()
                    .setKeyPath(dir.tlsKey().toString())
                    .setCertPath(dir.tlsChain().toString()))
            .setEnabledSecureTransportProtocols(Set.of("TLSv1.2", "TLSv1.3"));
    CIPHER_SUITES.forEach(o::addEnabledCipherSuite);
    if (nativeTls && OpenSSLEngineOptions.isAvailable()) {
      o.setSslEngineOptions(new OpenSSLEngineOptions().setSessionCacheEnabled(true));
      logEngine("OpenSSL (netty-tcnative BoringSSL)");
    } else {
      logEngine(
          nativeTls
              ? "JDK (netty-tcnative unavailable: " + OpenSSLEngineOptions.isAvailable() + ")"
              : "JDK (server.nativeTls=false)");
    }
    return o;
  }

  private static void logEngine(String engine) {
    if (!loggedEngine) {
      loggedEngine = true;
      LOG.info("TLS engine: {}", engine);
    }
  }

  /**
   * Accepts any client chain at the handshake; {@code ClientCertificates} validates it per request.
   */
  private static final class DeferToHandler implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      // Validation happens in the handler, against the live hierarchy and revocation state.
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      throw new UnsupportedOperationException("server-side trust manager");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
