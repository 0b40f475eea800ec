package io.simca.ca.server.admin;

import io.simca.ca.admin.Paging;
import io.simca.ca.admin.SimInventory;
import io.simca.ca.error.CaException;
import io.simca.ca.server.ServerContext;
import io.simca.ca.store.SimFilter;
import io.simca.ca.store.SimStatus;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /admin/v1/sims?tenant=&status=&prefix=&offset=&limit=} -> {@code
 * {"items":[...],"total":n}}, by ICCID.
 */
final class SimListHandler implements Handler<RoutingContext> {

  private final ServerContext ctx;
  private final SimInventory sims;

  SimListHandler(ServerContext ctx, SimInventory sims) {
    this.ctx = ctx;
    this.sims = sims;
  }

  @Override
  public void handle(RoutingContext rc) {
    String prefix = AdminParams.text(rc, "prefix");
    if (prefix != null && !prefix.matches("[0-9]{1,22}")) {
      throw CaException.malformed("bad_parameter", "prefix must be 1-22 digits");
    }
    SimFilter filter =
        SimFilter.ALL
            .withTenant(AdminParams.text(rc, "tenant"))
            .withStatus(AdminParams.choice(rc, "status", SimStatus.class))
            .withIccidPrefix(prefix);
    Paging paging = AdminParams.paging(rc);
    ctx.bulkheads()
        .admin()
        .run(() -> sims.list(filter, paging))
        .onSuccess(
            page -> {
              JsonArray items = new JsonArray();
              page.items().forEach(s -> items.add(AdminJson.sim(s)));
              AdminReplies.json(
                  rc,
                  new JsonObject()
                      .put("items", items)
                      .put("total", page.total())
                      .put("offset", paging.offset())
                      .put("limit", paging.limit()));
            })
        .onFailure(rc::fail);
  }
}
