package io.simca.ca.server.admin;

import io.simca.ca.admin.CertificateCatalog;
import io.simca.ca.admin.Paging;
import io.simca.ca.admin.SimInventory;
import io.simca.ca.server.ServerContext;
import io.simca.ca.store.CertFilter;
import io.simca.ca.store.CertStatus;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /admin/v1/certs?iccid=&status=&offset=&limit=} -> {@code {"items":[...]}}, newest
 * first.
 */
final class CertListHandler implements Handler<RoutingContext> {

  private final ServerContext ctx;
  private final CertificateCatalog certs;

  CertListHandler(ServerContext ctx, CertificateCatalog certs) {
    this.ctx = ctx;
    this.certs = certs;
  }

  @Override
  public void handle(RoutingContext rc) {
    String iccid = AdminParams.text(rc, "iccid");
    if (iccid != null) {
      SimInventory.requireIccid(iccid);
    }
    CertFilter filter =
        CertFilter.ALL
            .withIccid(iccid)
            .withStatus(AdminParams.choice(rc, "status", CertStatus.class));
    Paging paging = AdminParams.paging(rc);
    ctx.bulkheads()
        .admin()
        .run(() -> certs.list(filter, paging))
        .onSuccess(
            list -> {
              JsonArray items = new JsonArray();
              list.forEach(c -> items.add(AdminJson.certSummary(c, ctx.hierarchy())));
              AdminReplies.json(
                  rc,
                  new JsonObject()
                      .put("items", items)
                      .put("offset", paging.offset())
                      .put("limit", paging.limit()));
            })
        .onFailure(rc::fail);
  }
}
