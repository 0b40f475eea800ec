package io.simca.ca.server.est;

import io.simca.ca.server.ServerContext;
import io.simca.est.codec.CsrAttributes;
import io.simca.est.codec.EstMediaTypes;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /.well-known/est/[<label>/]csrattrs} (RFC 7030 §4.5): advises the preferred key (P-256
 * when allowed, else the first of {@code profile.allowedKeys}) and that a SIM attestation is
 * required; base64 {@code application/csrattrs} (§4.5.2).
 */
final class CsrAttrsHandler {

  private final ServerContext ctx;
  private final String body;

  CsrAttrsHandler(ServerContext ctx) {
    this.ctx = ctx;
    this.body = CsrAttributes.base64(ctx.config().profile().preferredKey(), false);
  }

  void handle(RoutingContext rc) {
    EstLabels.issuingCa(rc, ctx);
    EstResponses.base64(rc.response(), EstMediaTypes.CSR_ATTRS, body);
  }
}
