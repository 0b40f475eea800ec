package io.simca.ca.server.coap;

import io.simca.ca.error.CaException;
import io.simca.ca.server.ServerContext;
import io.simca.est.codec.CsrAttributes;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * {@code GET /.well-known/est/[<label>/]att} (RFC 9148 §4.1, RFC 7030 §4.5): the CSR attributes the
 * HTTPS {@code /csrattrs} advertises (preferred key, SIM attestation required, where the token
 * goes), as DER with Content-Format 285.
 */
final class AttResource extends CoapResource {

  private final ServerContext ctx;
  private final byte[] body;

  AttResource(ServerContext ctx) {
    super("att");
    this.ctx = ctx;
    getAttributes().addResourceType("ace.est.att");
    getAttributes().addContentType(EstContentFormats.CSR_ATTRS);
    this.body = CsrAttributes.der(ctx.config().profile().preferredKey(), false);
  }

  @Override
  public void handleGET(CoapExchange exchange) {
    try {
      int format = EstContentFormats.negotiate(exchange, EstContentFormats.CSR_ATTRS);
      EstCoapRequests.issuingCa(exchange, ctx.hierarchy(), ctx.config().ca().defaultLabel());
      exchange.respond(ResponseCode.CONTENT, body, format);
    } catch (CaException e) {
      exchange.respond(CoapErrors.response(e));
    }
  }
}
