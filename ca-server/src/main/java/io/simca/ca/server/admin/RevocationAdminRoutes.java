package io.simca.ca.server.admin;

import io.simca.ca.error.CaException;
import io.simca.ca.revocation.RevocationReason;
import io.simca.ca.revocation.RevocationService;
import io.simca.ca.revocation.SimRevocationReason;
import io.simca.ca.server.ServerContext;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * The admin API's revocation endpoints; the contract of {@code simca sim revoke}, {@code cert
 * revoke} and {@code crl publish}:
 *
 * <ul>
 *   <li>{@code POST /admin/v1/sims/:iccid/revoke} {@code {"reason":"lost|stolen|decommissioned"}}
 *   <li>{@code POST /admin/v1/certs/:serial/revoke} {@code
 *       {"reason":"keyCompromise","invalidityDate":"..."}}
 *   <li>{@code POST /admin/v1/crl/publish} {@code {"label":"default"}} or {@code {}}
 * </ul>
 *
 * Writers only; the work runs off the event loop; errors are problem+json (the router's style).
 */
public final class RevocationAdminRoutes {

  private final ServerContext ctx;
  private final RevocationService revocation;

  private RevocationAdminRoutes(ServerContext ctx, RevocationService revocation) {
    this.ctx = ctx;
    this.revocation = revocation;
  }

  public static void mount(Router router, ServerContext ctx, RevocationService revocation) {
    RevocationAdminRoutes h = new RevocationAdminRoutes(ctx, revocation);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(ctx.config().server().maxBodyBytes());
    // The role gate is its own route: Vert.x wants the body handler first on a route.
    for (String path :
        new String[] {
          "/admin/v1/sims/:iccid/revoke", "/admin/v1/certs/:serial/revoke", "/admin/v1/crl/publish"
        }) {
      router.post(path).handler(AdminAuth.require(AdminAuth.WRITERS));
    }
    router.post("/admin/v1/sims/:iccid/revoke").handler(body).handler(h::revokeSim);
    router.post("/admin/v1/certs/:serial/revoke").handler(body).handler(h::revokeCert);
    router.post("/admin/v1/crl/publish").handler(body).handler(h::publishCrl);
  }

  private void revokeSim(RoutingContext rc) {
    String iccid = rc.pathParam("iccid");
    if (!iccid.matches("[0-9]{18,22}")) {
      throw CaException.malformed("bad_iccid", "ICCID must be 18-22 digits");
    }
    String reasonText = json(rc).getString("reason", "");
    SimRevocationReason reason;
    try {
      reason = SimRevocationReason.valueOf(reasonText.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw CaException.malformed("bad_reason", "reason must be lost, stolen or decommissioned");
    }
    String actor = AdminAuth.operator(rc).actor();
    reply(
        rc,
        ctx.bulkheads()
            .admin()
            .run(() -> revocation.revokeSim(iccid, reason, actor))
            .map(
                r ->
                    new JsonObject()
                        .put("iccid", r.iccid())
                        .put("status", r.status().name().toLowerCase(Locale.ROOT))
                        .put(
                            "revokedSerials",
                            new JsonArray(
                                r.revokedSerials().stream().map(s -> s.toString(16)).toList()))
                        .put("alreadyRevoked", r.alreadyRevoked())));
  }

  private void revokeCert(RoutingContext rc) {
    String hex = rc.pathParam("serial");
    if (!hex.matches("[0-9a-fA-F]{1,40}")) {
      throw CaException.malformed("bad_serial", "serial must be 1-40 hex digits");
    }
    BigInteger serial = new BigInteger(hex, 16);
    JsonObject body = json(rc);
    RevocationReason reason;
    try {
      reason = RevocationReason.parse(body.getString("reason", "unspecified"));
    } catch (IllegalArgumentException | ClassCastException e) {
      throw CaException.malformed("bad_reason", e.getMessage());
    }
    Optional<Instant> invalidity =
        Optional.ofNullable(body.getValue("invalidityDate")).map(v -> instant(String.valueOf(v)));
    String actor = AdminAuth.operator(rc).actor();
    reply(
        rc,
        ctx.bulkheads()
            .admin()
            .run(() -> revocation.revokeCertificate(serial, reason, invalidity, actor))
            .map(
                revoked ->
                    new JsonObject().put("serial", serial.toString(16)).put("revoked", revoked)));
  }

  private void publishCrl(RoutingContext rc) {
    Optional<String> label =
        Optional.ofNullable(json(rc).getValue("label"))
            .map(String::valueOf)
            .filter(s -> !s.isBlank());
    String actor = AdminAuth.operator(rc).actor();
    reply(
        rc,
        ctx.bulkheads()
            .admin()
            .run(() -> revocation.publishCrl(label, actor))
            .map(
                numbers ->
                    new JsonObject()
                        .put("crls", new JsonObject(new java.util.LinkedHashMap<>(numbers)))));
  }

  private static void reply(RoutingContext rc, Future<JsonObject> result) {
    result
        .onSuccess(
            json -> rc.response().putHeader("Content-Type", "application/json").end(json.encode()))
        .onFailure(rc::fail);
  }

  private static JsonObject json(RoutingContext rc) {
    if (rc.body() == null || rc.body().length() <= 0) {
      return new JsonObject();
    }
    try {
      JsonObject o = rc.body().asJsonObject();
      return o == null ? new JsonObject() : o;
    } catch (DecodeException | ClassCastException e) {
      throw CaException.malformed("bad_json", "request body must be a JSON object");
    }
  }

  private static Instant instant(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw CaException.malformed(
          "bad_invalidity_date",
          "invalidityDate must be ISO-8601 with an offset, e.g. 2026-01-01T00:00:00Z");
    }
  }
}
