package io.simca.ca.server.admin;

import io.simca.ca.admin.AdminServices;
import io.simca.ca.error.CaException;
import io.simca.ca.error.ErrorKind;
import io.simca.ca.server.ServerContext;
import io.simca.est.codec.EstMediaTypes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Mounts the operator routes of {@code /admin/v1} (SIM inventory, certificates, audit, CAs) on the
 * admin router, after {@link AdminAuth#authenticate}. Reads are open to every role, changes to
 * admins and operators ({@link AdminAuth#WRITERS}); the auditor role is read-only.
 */
public final class AdminRoutes {

  /**
   * Largest SIM import request. The CLI uploads files in chunks of ~20k rows (about 1 MiB), so this
   * leaves room for hand-made uploads without letting one request hold the store for long.
   */
  public static final long IMPORT_BODY_LIMIT = 8L * 1024 * 1024;

  private AdminRoutes() {}

  /**
   * 415 as problem+json (a route-level {@code consumes} would answer with the router's HTML page).
   */
  private static void requireCsv(RoutingContext rc) {
    String type = rc.request().getHeader("Content-Type");
    String media = EstMediaTypes.essence(type);
    if (!media.equals("text/csv")) {
      throw new CaException(
          ErrorKind.UNSUPPORTED_MEDIA_TYPE,
          "unsupported_media_type",
          "SIM import takes text/csv (header iccid,imsi,imei,tenant), not "
              + (type == null ? "no content type" : media));
    }
    rc.next();
  }

  public static void mount(Router r, ServerContext ctx, AdminServices admin) {
    String base = "/admin/v1";
    // The role check is its own route so that a forbidden upload is refused before its body is read
    // (Vert.x requires the body handler to come first within a route).
    r.post(base + "/sims/import")
        .handler(AdminAuth.require(AdminAuth.WRITERS))
        .handler(AdminRoutes::requireCsv);
    r.post(base + "/sims/import")
        .handler(BodyHandler.create(false).setBodyLimit(IMPORT_BODY_LIMIT))
        .handler(new SimImportHandler(ctx, admin.sims()));
    r.get(base + "/sims")
        .handler(AdminAuth.require(AdminAuth.READERS))
        .handler(new SimListHandler(ctx, admin.sims()));
    r.get(base + "/sims/by-imsi/:imsi")
        .handler(AdminAuth.require(AdminAuth.SIM_LOOKUP))
        .handler(new SimLookupHandler(ctx, admin.sims()));
    r.get(base + "/sims/:iccid")
        .handler(AdminAuth.require(AdminAuth.READERS))
        .handler(new SimShowHandler(ctx, admin.sims()));
    r.post(base + "/sims/:iccid/resume")
        .handler(AdminAuth.require(AdminAuth.WRITERS))
        .handler(new SimResumeHandler(ctx, admin.sims()));
    r.get(base + "/certs")
        .handler(AdminAuth.require(AdminAuth.READERS))
        .handler(new CertListHandler(ctx, admin.certs()));
    r.get(base + "/certs/:serial")
        .handler(AdminAuth.require(AdminAuth.READERS))
        .handler(new CertShowHandler(ctx, admin.certs()));
    r.get(base + "/audit")
        .handler(AdminAuth.require(AdminAuth.READERS))
        .handler(new AuditListHandler(ctx, admin.audit()));
    r.get(base + "/audit/verify")
        .handler(AdminAuth.require(AdminAuth.READERS))
        .handler(new AuditVerifyHandler(ctx, admin.audit()));
    r.get(base + "/cas")
        .handler(AdminAuth.require(AdminAuth.READERS))
        .handler(new CaListHandler(ctx));
  }
}
