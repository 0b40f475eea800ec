package io.simca.ca.server.admin;

import io.simca.ca.hierarchy.HierarchyService;
import io.simca.ca.server.ServerContext;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /admin/v1/cas}: the hierarchy as {@code simca ca list} shows it (root, active and
 * retired issuing CAs).
 */
final class CaListHandler implements Handler<RoutingContext> {

  private final ServerContext ctx;

  CaListHandler(ServerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void handle(RoutingContext rc) {
    ctx.bulkheads()
        .admin()
        .run(() -> new HierarchyService().list(ctx.dataDir())) // reads certificate files
        .onSuccess(
            cas -> {
              JsonArray items = new JsonArray();
              cas.forEach(ca -> items.add(AdminJson.ca(ca)));
              AdminReplies.json(rc, new JsonObject().put("items", items));
            })
        .onFailure(rc::fail);
  }
}
