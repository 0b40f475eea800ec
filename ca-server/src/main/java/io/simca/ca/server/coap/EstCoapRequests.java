package io.simca.ca.server.coap;

import io.simca.ca.error.CaException;
import io.simca.ca.hierarchy.IssuingCa;
import io.simca.ca.hierarchy.LoadedHierarchy;
import java.security.Principal;
import java.security.cert.Certificate;
import java.util.List;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.auth.X509CertPath;

/**
 * What an EST-coaps resource reads from a request: the issuing CA its path names, the DTLS peer's
 * certificate chain and address.
 */
final class EstCoapRequests {

  /** {@code .well-known / est / <label> / <op>}: the label form of RFC 9148 §4.1. */
  private static final int LABELLED_PATH_SEGMENTS = 4;

  private EstCoapRequests() {}

  /** The label in the path, else {@code defaultLabel}. */
  static String label(CoapExchange exchange, String defaultLabel) {
    List<String> path = exchange.getRequestOptions().getUriPath();
    return path.size() == LABELLED_PATH_SEGMENTS ? path.get(2) : defaultLabel;
  }

  /** The active issuing CA for the request's label; 4.04 when there is none (RFC 9148 §4.5). */
  static IssuingCa issuingCa(
      CoapExchange exchange, LoadedHierarchy hierarchy, String defaultLabel) {
    String label = label(exchange, defaultLabel);
    return hierarchy.byLabel(label).orElseThrow(() -> CaException.unknownLabel(label));
  }

  /** The certificate chain the peer presented in the DTLS handshake; empty without one. */
  static List<Certificate> peerChain(CoapExchange exchange) {
    Principal peer = exchange.advanced().getRequest().getSourceContext().getPeerIdentity();
    if (peer instanceof X509CertPath path) {
      return List.copyOf(path.getPath().getCertificates());
    }
    return List.of();
  }

  static String clientAddress(CoapExchange exchange) {
    return exchange.getSourceAddress() == null ? "" : exchange.getSourceAddress().getHostAddress();
  }
}
