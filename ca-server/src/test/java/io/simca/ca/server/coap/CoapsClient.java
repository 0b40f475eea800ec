package io.simca.ca.server.coap;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.exception.ConnectorException;

/**
 * A Californium EST-coaps client for tests: DTLS 1.2 that trusts only the node's root and checks
 * the server certificate's name, optionally with a client certificate, block-wise transfer with a
 * chosen block size.
 */
final class CoapsClient implements AutoCloseable {

  private final CoapEndpoint endpoint;
  private final String base;

  private CoapsClient(CoapEndpoint endpoint, int port) {
    this.endpoint = endpoint;
    this.base = "coaps://127.0.0.1:" + port;
  }

  /** No client certificate: what a device has before its first enrolment. */
  static CoapsClient anonymous(int port, X509Certificate root, int blockSize) {
    return create(port, root, blockSize, null, List.of());
  }

  /**
   * No client certificate and no transparent block-wise transfer: the test sends and reads each
   * Block1/Block2 block itself.
   */
  static CoapsClient rawBlocks(int port, X509Certificate root) {
    return create(port, root, 0, null, List.of());
  }

  /** With {@code chain} (leaf first) as the DTLS client certificate. */
  static CoapsClient withCertificate(
      int port, X509Certificate root, int blockSize, PrivateKey key, List<X509Certificate> chain) {
    return create(port, root, blockSize, key, chain);
  }

  private static CoapsClient create(
      int port, X509Certificate root, int blockSize, PrivateKey key, List<X509Certificate> chain) {
    return new CoapsClient(EstCoapsClients.start(root, blockSize, key, chain), port);
  }

  /** A request to {@code path} (absolute, e.g. {@code /.well-known/est/crts}). */
  Request request(CoAP.Code code, String path) {
    Request r = new Request(code);
    r.setURI(base + path);
    return r;
  }

  CoapResponse get(String path) {
    return send(request(CoAP.Code.GET, path));
  }

  CoapResponse post(String path, byte[] payload, int contentFormat) {
    Request r = request(CoAP.Code.POST, path);
    r.getOptions().setContentFormat(contentFormat);
    r.setPayload(payload);
    return send(r);
  }

  /** Sends and waits; fails the test on a timeout or a transport error. */
  CoapResponse send(Request request) {
    CoapClient client = new CoapClient();
    client.setEndpoint(endpoint);
    client.setTimeout(TimeUnit.SECONDS.toMillis(30));
    try {
      CoapResponse response = client.advanced(request);
      if (response == null) {
        throw new AssertionError("no response to " + request);
      }
      return response;
    } catch (ConnectorException | IOException e) {
      throw new AssertionError("request failed: " + request, e);
    } finally {
      client.shutdown();
    }
  }

  @Override
  public void close() {
    endpoint.destroy();
  }
}
