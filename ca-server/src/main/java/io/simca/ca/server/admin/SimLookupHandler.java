package io.simca.ca.server.admin;

import io.simca.ca.admin.Paging;
import io.simca.ca.admin.SimInventory;
import io.simca.ca.error.CaException;
import io.simca.ca.server.ServerContext;
import io.simca.ca.store.SimFilter;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /admin/v1/sims/by-imsi/<imsi>} -> {@code {"items":[...]}}: the network attester's IMSI
 * -> ICCID lookup (DESIGN.md "attester/"), open to the {@code attester} role, which may read
 * nothing else. At most two items are returned: one is the answer, two tell the caller that the
 * IMSI is ambiguous in the inventory.
 */
final class SimLookupHandler implements Handler<RoutingContext> {

  private final ServerContext ctx;
  private final SimInventory sims;

  SimLookupHandler(ServerContext ctx, SimInventory sims) {
    this.ctx = ctx;
    this.sims = sims;
  }

  @Override
  public void handle(RoutingContext rc) {
    String imsi = rc.pathParam("imsi");
    // 3GPP TS 23.003 §2.2: an IMSI is at most 15 digits (MCC 3, MNC 2-3, MSIN).
    if (imsi == null || !imsi.matches("[0-9]{6,15}")) {
      throw CaException.malformed("bad_parameter", "imsi must be 6-15 digits");
    }
    ctx.bulkheads()
        .admin()
        .run(() -> sims.list(SimFilter.ALL.withImsi(imsi), Paging.first(2)))
        .onSuccess(
            page -> {
              JsonArray items = new JsonArray();
              page.items().forEach(s -> items.add(AdminJson.sim(s)));
              AdminReplies.json(rc, new JsonObject().put("items", items));
            })
        .onFailure(rc::fail);
  }
}
