package io.simca.ca.server.coap;

import io.simca.ca.error.CaException;
import io.simca.ca.hierarchy.IssuingCa;
import io.simca.ca.server.ServerContext;
import io.simca.est.codec.CertsOnly;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * {@code GET /.well-known/est/[<label>/]crts} (RFC 9148 §4.1, RFC 7030 §4.1): the issuing CA
 * certificate followed by the root as DER certs-only, Content-Format 281, 2.05 (§4.5). Larger than
 * one block, so Californium sends it with Block2 (RFC 7959 §2.4). Encoded once per CA generation.
 */
final class CrtsResource extends CoapResource {

  private final ServerContext ctx;
  private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();

  CrtsResource(ServerContext ctx) {
    super("crts");
    this.ctx = ctx;
    getAttributes().addResourceType("ace.est.crts");
    getAttributes().addContentType(EstContentFormats.CERTS_ONLY);
  }

  @Override
  public void handleGET(CoapExchange exchange) {
    try {
      int format = EstContentFormats.negotiate(exchange, EstContentFormats.CERTS_ONLY);
      IssuingCa ca =
          EstCoapRequests.issuingCa(exchange, ctx.hierarchy(), ctx.config().ca().defaultLabel());
      X509Certificate root = ctx.hierarchy().root();
      byte[] body =
          bodies.computeIfAbsent(ca.keyId(), k -> CertsOnly.encodeDer(List.of(ca.cert(), root)));
      exchange.respond(ResponseCode.CONTENT, body, format);
    } catch (CaException e) {
      exchange.respond(CoapErrors.response(e));
    }
  }
}
