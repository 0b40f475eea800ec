package io.simca.ca.server.admin;

import io.simca.ca.admin.SimInventory;
import io.simca.ca.server.ServerContext;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /admin/v1/sims/:iccid}: the SIM and a summary of its latest certificates. */
final class SimShowHandler implements Handler<RoutingContext> {

  private final ServerContext ctx;
  private final SimInventory sims;

  SimShowHandler(ServerContext ctx, SimInventory sims) {
    this.ctx = ctx;
    this.sims = sims;
  }

  @Override
  public void handle(RoutingContext rc) {
    String iccid = rc.pathParam("iccid");
    SimInventory.requireIccid(iccid);
    ctx.bulkheads()
        .admin()
        .run(() -> sims.show(iccid))
        .onSuccess(
            d -> {
              JsonArray certs = new JsonArray();
              d.certificates().forEach(c -> certs.add(AdminJson.certSummary(c, ctx.hierarchy())));
              AdminReplies.json(rc, AdminJson.sim(d.sim()).put("certificates", certs));
            })
        .onFailure(rc::fail);
  }
}
