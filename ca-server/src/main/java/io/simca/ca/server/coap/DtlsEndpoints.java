package io.simca.ca.server.coap;

import io.simca.ca.config.CoapListenerConfig;
import io.simca.ca.crypto.Pem;
import io.simca.ca.hierarchy.DataDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;

/**
 * Builds the CoAPS endpoint: Californium's CoAP stack (block-wise transfer bounded by {@code
 * maxBodyBytes}) on a Scandium DTLS 1.2 server connector with the server TLS credential from {@code
 * <data>/tls/}. The configuration is built in code: Californium writes no properties file.
 */
final class DtlsEndpoints {

  /**
   * RFC 9148 §3 (after RFC 7925 §3.3/§4.4): TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 is mandatory; the
   * GCM and CCM suites serve clients with other preferences (OpenSSL-based ones offer GCM first).
   */
  private static final List<CipherSuite> CIPHER_SUITES =
      List.of(
          CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8,
          CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
          CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
          CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM);

  private DtlsEndpoints() {}

  static Configuration configuration(CoapListenerConfig cfg) {
    Configuration c = EstCoapsClients.configuration();
    int cores = Runtime.getRuntime().availableProcessors();
    // RFC 7959: reassemble Block1 up to the bound (4.13 + Size1 beyond it), send Block2 above the
    // preferred block size.
    c.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, cfg.maxBodyBytes());
    c.set(CoapConfig.PREFERRED_BLOCK_SIZE, cfg.blockSize());
    c.set(CoapConfig.MAX_MESSAGE_SIZE, cfg.blockSize());
    c.set(CoapConfig.MAX_ACTIVE_PEERS, cfg.maxPeers());
    c.set(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT, cores);
    c.set(DtlsConfig.DTLS_ROLE, DtlsRole.SERVER_ONLY);
    // A certificate is wanted (re-enrolment), never needed: /crts, /att and /sen work without.
    c.set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.WANTED);
    c.set(DtlsConfig.DTLS_CERTIFICATE_TYPES, List.of(CertificateType.X_509));
    c.set(DtlsConfig.DTLS_CIPHER_SUITES, CIPHER_SUITES);
    // P-256 and P-384 device keys sign CertificateVerify with SHA-256 or SHA-384; the server's own
    // chain carries the P-384 root's SHA-384 signature on the issuing CA.
    c.set(DtlsConfig.DTLS_SIGNATURE_AND_HASH_ALGORITHMS, EstCoapsClients.SIGNATURES);
    c.set(DtlsConfig.DTLS_MAX_CONNECTIONS, cfg.maxPeers());
    // Handshakes (ECDHE, ECDSA) are the expensive part; spread them over the cores.
    c.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, cores);
    c.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, Math.max(1, cores / 2));
    c.set(DtlsConfig.DTLS_STALE_CONNECTION_THRESHOLD, 10, TimeUnit.MINUTES);
    return c;
  }

  static CoapEndpoint create(CoapListenerConfig cfg, Configuration config, DataDir dir) {
    DtlsConnectorConfig dtls =
        DtlsConnectorConfig.builder(config)
            .setAddress(new InetSocketAddress(cfg.host(), cfg.port()))
            .setCertificateIdentityProvider(
                new SingleCertificateProvider(
                    serverKey(dir),
                    serverChain(dir).toArray(X509Certificate[]::new),
                    CertificateType.X_509))
            .setAdvancedCertificateVerifier(new DeferredClientCertificates())
            .setLoggingTag("est-coaps")
            .build();
    return new CoapEndpoint.Builder()
        .setConfiguration(config)
        .setConnector(new DTLSConnector(dtls))
        .setLoggingTag("est-coaps")
        .build();
  }

  private static PrivateKey serverKey(DataDir dir) {
    try {
      return Pem.decodePrivateKey(Files.readString(dir.tlsKey()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the server TLS key " + dir.tlsKey(), e);
    }
  }

  private static List<X509Certificate> serverChain(DataDir dir) {
    return Pem.readCertificates(dir.tlsChain());
  }
}
