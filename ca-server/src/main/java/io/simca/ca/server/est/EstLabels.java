package io.simca.ca.server.est;

import io.simca.ca.error.CaException;
import io.simca.ca.hierarchy.IssuingCa;
import io.simca.ca.server.ServerContext;
import io.vertx.ext.web.RoutingContext;

/** Resolves the optional {@code <label>} path segment of an EST URL to an issuing CA. */
final class EstLabels {

  private EstLabels() {}

  /** The label in the path, else {@code ca.defaultLabel}. */
  static String label(RoutingContext rc, ServerContext ctx) {
    String label = rc.pathParam("label");
    return label == null || label.isEmpty() ? ctx.config().ca().defaultLabel() : label;
  }

  /** The active issuing CA for the request's label; 404 when there is none. */
  static IssuingCa issuingCa(RoutingContext rc, ServerContext ctx) {
    String label = label(rc, ctx);
    return ctx.hierarchy().byLabel(label).orElseThrow(() -> CaException.unknownLabel(label));
  }
}
