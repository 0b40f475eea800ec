package io.simca.ca.server.admin;

import io.simca.ca.admin.SimInventory;
import io.simca.ca.server.ServerContext;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * {@code POST /admin/v1/sims/:iccid/resume[?force=true]} -> {@code
 * {"iccid","previous","status","changed"}}; 409 {@code sim_barred} for a lost, stolen or
 * decommissioned SIM without force (see {@link SimInventory}).
 */
final class SimResumeHandler implements Handler<RoutingContext> {

  private final ServerContext ctx;
  private final SimInventory sims;

  SimResumeHandler(ServerContext ctx, SimInventory sims) {
    this.ctx = ctx;
    this.sims = sims;
  }

  @Override
  public void handle(RoutingContext rc) {
    Operator op = AdminAuth.operator(rc);
    String iccid = rc.pathParam("iccid");
    SimInventory.requireIccid(iccid);
    boolean force = AdminParams.flag(rc, "force");
    ctx.bulkheads()
        .admin()
        .run(() -> sims.resume(iccid, force, op.actor()))
        .onSuccess(
            r ->
                AdminReplies.json(
                    rc,
                    new JsonObject()
                        .put("iccid", r.iccid())
                        .put("previous", r.previous().name().toLowerCase(Locale.ROOT))
                        .put("status", r.status().name().toLowerCase(Locale.ROOT))
                        .put("changed", r.changed())))
        .onFailure(rc::fail);
  }
}
