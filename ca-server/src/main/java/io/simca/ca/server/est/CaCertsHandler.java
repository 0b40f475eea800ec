package io.simca.ca.server.est;

import io.simca.ca.hierarchy.IssuingCa;
import io.simca.ca.server.ServerContext;
import io.simca.est.codec.CertsOnly;
import io.vertx.ext.web.RoutingContext;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /.well-known/est/[<label>/]cacerts} (RFC 7030 §4.1): the issuing CA certificate
 * followed by the root, as base64 certs-only (§4.1.3). Encoded once per CA generation.
 */
final class CaCertsHandler {

  private final ServerContext ctx;
  private final Map<String, String> bodies = new ConcurrentHashMap<>();

  CaCertsHandler(ServerContext ctx) {
    this.ctx = ctx;
  }

  void handle(RoutingContext rc) {
    IssuingCa ca = EstLabels.issuingCa(rc, ctx);
    X509Certificate root = ctx.hierarchy().root();
    String body =
        bodies.computeIfAbsent(ca.keyId(), k -> CertsOnly.encodeBase64(List.of(ca.cert(), root)));
    EstResponses.base64(rc.response(), EstResponses.CACERTS_CONTENT_TYPE, body);
  }
}
