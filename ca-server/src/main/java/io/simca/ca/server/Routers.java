package io.simca.ca.server;

import io.simca.ca.server.admin.AdminAuth;
import io.simca.ca.server.est.EstRoutes;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** Assembles the three routers (EST, plain HTTP, admin); each route family mounts itself here. */
final class Routers {

  private Routers() {
  }

  static Router est(Vertx vertx, CaServices services) {
    Router r = Router.router(vertx);
    // Before the generic failure handler: EST's own failure handler audits refused enrolments first.
    EstRoutes.mount(r, services.ctx(), services.issuance(), services.clientCertificates());
    r.route().failureHandler(c -> HttpErrors.handle(c, HttpErrors.Style.TEXT));
    return r;
  }

  static Router http(Vertx vertx, CaServices services) {
    Router r = Router.router(vertx);
    r.route().failureHandler(c -> HttpErrors.handle(c, HttpErrors.Style.TEXT));
    HealthHandler.mount(r, services.ctx());
    CaCertificateHandler.mount(r, services.ctx());
    return r;
  }

  static Router admin(Vertx vertx, CaServices services) {
    Router r = Router.router(vertx);
    r.route().failureHandler(c -> HttpErrors.handle(c, HttpErrors.Style.PROBLEM_JSON));
    r.route("/admin/v1/*").handler(c -> AdminAuth.authenticate(c, services.ctx()));
    return r;
  }
}
