package io.simca.ca.server;

import io.simca.ca.error.CaException;
import io.simca.ca.server.admin.AdminAuth;
import io.simca.ca.server.admin.AdminRoutes;
import io.simca.ca.server.admin.OperatorRoutes;
import io.simca.ca.server.admin.RevocationAdminRoutes;
import io.simca.ca.server.est.EstRoutes;
import io.simca.ca.server.ocsp.OcspRoutes;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;

/**
 * Assembles the three routers (EST, plain HTTP, admin); each route family mounts itself here.
 * Public GET routes also take HEAD (RFC 9110 §9.1: wherever GET works); Vert.x drops the body of a
 * response to HEAD on HTTP/1.1 and keeps the headers.
 */
final class Routers {

  private Routers() {}

  static Router est(Vertx vertx, CaServices services) {
    Router r = Router.router(vertx);
    // Before the generic failure handler: EST's own failure handler audits refused enrolments
    // first.
    EstRoutes.mount(r, services.ctx(), services.issuance(), services.clientCertificates());
    return withErrors(r, HttpErrors.Style.TEXT);
  }

  static Router http(Vertx vertx, CaServices services) {
    Router r = withErrors(Router.router(vertx), HttpErrors.Style.TEXT);
    HealthHandler.mount(r, services.ctx());
    CaCertificateHandler.mount(r, services.ctx());
    r.get("/metrics")
        .method(HttpMethod.HEAD)
        .handler(
            c ->
                c.response()
                    .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(services.ctx().metrics().scrape()));
    OcspRoutes.mount(r, services.ctx(), services.ocsp(), services.crl());
    return r;
  }

  static Router admin(Vertx vertx, CaServices services) {
    Router r = withErrors(Router.router(vertx), HttpErrors.Style.PROBLEM_JSON);
    r.route("/admin/v1/*").handler(c -> AdminAuth.authenticate(c, services.operatorGate()));
    AdminRoutes.mount(r, services.ctx(), services.admin());
    OperatorRoutes.mount(r, services.ctx(), services.admin().operators(), services.operatorGate());
    RevocationAdminRoutes.mount(r, services.ctx(), services.revocation());
    return r;
  }

  /**
   * Every failure, and every unmatched path or method, answers in {@code style} (never Vert.x's
   * HTML).
   */
  private static Router withErrors(Router r, HttpErrors.Style style) {
    r.route().failureHandler(c -> HttpErrors.handle(c, style));
    // A path Vert.x cannot decode (a bad %-escape) fails before any route: a client error, not a
    // logged stack trace.
    r.errorHandler(
        400,
        c -> HttpErrors.send(c, CaException.malformed("bad_request", "malformed request"), style));
    r.errorHandler(404, c -> HttpErrors.handle(c, style));
    r.errorHandler(405, c -> HttpErrors.handle(c, style));
    return r;
  }
}
