package io.simca.ca.server.ocsp;

import io.simca.ca.crl.CrlService;
import io.simca.ca.ocsp.OcspService;
import io.simca.ca.server.ServerContext;
import io.vertx.ext.web.Router;

/**
 * Mounts the revocation-status routes of the plain HTTP listener: {@code /ocsp} and {@code /crl}.
 */
public final class OcspRoutes {

  private OcspRoutes() {}

  public static void mount(Router router, ServerContext ctx, OcspService ocsp, CrlService crls) {
    OcspHandler.mount(router, ctx, ocsp.responder());
    CrlHandler.mount(router, ctx, crls);
  }
}
