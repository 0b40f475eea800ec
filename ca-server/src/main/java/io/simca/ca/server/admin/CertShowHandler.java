package io.simca.ca.server.admin;

import io.simca.ca.admin.CertificateCatalog;
import io.simca.ca.server.ServerContext;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /admin/v1/certs/:serial} (hex): the certificate record with its PEM. */
final class CertShowHandler implements Handler<RoutingContext> {

  private final ServerContext ctx;
  private final CertificateCatalog certs;

  CertShowHandler(ServerContext ctx, CertificateCatalog certs) {
    this.ctx = ctx;
    this.certs = certs;
  }

  @Override
  public void handle(RoutingContext rc) {
    String serial = rc.pathParam("serial");
    CertificateCatalog.parseSerial(serial);
    ctx.bulkheads()
        .admin()
        .run(() -> certs.show(serial))
        .onSuccess(c -> AdminReplies.json(rc, AdminJson.cert(c, ctx.hierarchy())))
        .onFailure(rc::fail);
  }
}
