package io.simca.ca.server.admin;

import io.simca.ca.admin.AuditTrail;
import io.simca.ca.admin.Paging;
import io.simca.ca.server.ServerContext;
import io.simca.ca.store.AuditFilter;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /admin/v1/audit?afterSeq=&limit=&type=&iccid=} -> {@code {"items":[...]}} in seq
 * order. A SIEM polls with the last seq it stored as {@code afterSeq}.
 */
final class AuditListHandler implements Handler<RoutingContext> {

  private final ServerContext ctx;
  private final AuditTrail audit;

  AuditListHandler(ServerContext ctx, AuditTrail audit) {
    this.ctx = ctx;
    this.audit = audit;
  }

  @Override
  public void handle(RoutingContext rc) {
    AuditFilter filter =
        AuditFilter.ALL
            .withEventType(AdminParams.text(rc, "type"))
            .withIccid(AdminParams.text(rc, "iccid"));
    long afterSeq = AdminParams.number(rc, "afterSeq", 0);
    long limit = AdminParams.number(rc, "limit", Paging.DEFAULT_LIMIT);
    Paging bounds = new Paging(0, (int) Math.max(0, Math.min(limit, Integer.MAX_VALUE)));
    ctx.bulkheads()
        .admin()
        .run(() -> audit.list(filter, afterSeq, bounds.limit()))
        .onSuccess(
            events -> {
              JsonArray items = new JsonArray();
              events.forEach(e -> items.add(AdminJson.audit(e)));
              AdminReplies.json(rc, new JsonObject().put("items", items));
            })
        .onFailure(rc::fail);
  }
}
