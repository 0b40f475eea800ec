package io.simca.ca.server.coap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.SystemConfig;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.SignatureAndHashAlgorithm;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;

/**
 * The device side of EST-coaps: a started Californium client endpoint on DTLS 1.2 that trusts only
 * a simca root (and checks the server certificate's name), optionally presenting a device
 * certificate for {@code /sren}. Used by the tests and the load generator; a Java device agent can
 * use it as well.
 */
public final class EstCoapsClients {

  /**
   * ECDSA with SHA-256 for P-256 keys, SHA-384 because the simca root (P-384) signs the issuing CA
   * in the server's chain.
   */
  static final List<SignatureAndHashAlgorithm> SIGNATURES =
      List.of(
          SignatureAndHashAlgorithm.SHA256_WITH_ECDSA, SignatureAndHashAlgorithm.SHA384_WITH_ECDSA);

  private EstCoapsClients() {}

  /**
   * A client endpoint on an ephemeral loopback port.
   *
   * @param blockSize the Block1/Block2 size it asks for (16..1024), or 0 to turn Californium's
   *     transparent block-wise transfer off (the caller handles blocks itself)
   * @param key with {@code chain} (leaf first), the DTLS client certificate; null for none
   */
  public static CoapEndpoint start(
      X509Certificate root, int blockSize, PrivateKey key, List<X509Certificate> chain) {
    Configuration c = configuration();
    if (blockSize > 0) {
      c.set(CoapConfig.PREFERRED_BLOCK_SIZE, blockSize);
      c.set(CoapConfig.MAX_MESSAGE_SIZE, blockSize);
      c.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 64 * 1024);
    } else {
      c.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 0); // Californium: 0 = no transparent block-wise
    }
    c.set(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT, 1);
    c.set(DtlsConfig.DTLS_ROLE, DtlsRole.CLIENT_ONLY);
    c.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
    c.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 1);
    c.set(DtlsConfig.DTLS_CERTIFICATE_TYPES, List.of(CertificateType.X_509));
    c.set(DtlsConfig.DTLS_SIGNATURE_AND_HASH_ALGORITHMS, SIGNATURES);
    DtlsConnectorConfig.Builder dtls =
        DtlsConnectorConfig.builder(c)
            .setAddress(new InetSocketAddress("127.0.0.1", 0))
            .setAdvancedCertificateVerifier(
                StaticNewAdvancedCertificateVerifier.builder()
                    .setTrustedCertificates(root)
                    .build());
    if (key != null) {
      dtls.setCertificateIdentityProvider(
          new SingleCertificateProvider(
              key, chain.toArray(X509Certificate[]::new), CertificateType.X_509));
    }
    CoapEndpoint endpoint =
        new CoapEndpoint.Builder()
            .setConfiguration(c)
            .setConnector(new DTLSConnector(dtls.build()))
            .build();
    try {
      endpoint.start();
    } catch (IOException e) {
      endpoint.destroy();
      throw new UncheckedIOException(e);
    }
    return endpoint;
  }

  /** Californium's modules with their defaults, built in code: no properties file is written. */
  static Configuration configuration() {
    return new Configuration(
        SystemConfig.DEFINITIONS,
        UdpConfig.DEFINITIONS,
        CoapConfig.DEFINITIONS,
        DtlsConfig.DEFINITIONS);
  }
}
