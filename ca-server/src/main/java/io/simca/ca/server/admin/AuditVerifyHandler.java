package io.simca.ca.server.admin;

import io.simca.ca.admin.AuditTrail;
import io.simca.ca.server.ServerContext;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /admin/v1/audit/verify} -> {@code {"ok":true,"checked":n,"lastSeq":s}} or, for a
 * broken chain, {@code {"ok":false,...,"break":{"seq","problem","detail"}}} (200 either way: the
 * check ran).
 */
final class AuditVerifyHandler implements Handler<RoutingContext> {

  private final ServerContext ctx;
  private final AuditTrail audit;

  AuditVerifyHandler(ServerContext ctx, AuditTrail audit) {
    this.ctx = ctx;
    this.audit = audit;
  }

  @Override
  public void handle(RoutingContext rc) {
    ctx.bulkheads()
        .admin()
        .run(audit::verify)
        .onSuccess(
            r -> {
              JsonObject body =
                  new JsonObject()
                      .put("ok", r.ok())
                      .put("checked", r.checked())
                      .put("lastSeq", r.lastSeq());
              r.firstBreak()
                  .ifPresent(
                      b ->
                          body.put(
                              "break",
                              new JsonObject()
                                  .put("seq", b.seq())
                                  .put("problem", b.problem().name())
                                  .put("detail", b.detail())));
              AdminReplies.json(rc, body);
            })
        .onFailure(rc::fail);
  }
}
