package io.simca.ca.server.admin;

import io.simca.ca.admin.IssuedOperator;
import io.simca.ca.admin.OperatorRegistry;
import io.simca.ca.crypto.Pem;
import io.simca.ca.error.CaException;
import io.simca.ca.pki.OperatorProfile;
import io.simca.ca.pki.OperatorRole;
import io.simca.ca.server.ServerContext;
import io.simca.ca.store.OperatorRow;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Base64;
import java.util.List;

/**
 * The operator credentials of the admin API, admins only; the contract of {@code simca operator
 * issue|list|revoke}:
 *
 * <ul>
 *   <li>{@code POST /admin/v1/operators} {@code {"name","role","days","csr":<base64 DER PKCS#10>}}
 *       -> 201 {@code {..., "certificate": PEM, "chain": [PEM...]}}
 *   <li>{@code GET /admin/v1/operators} -> {@code {"items":[...]}}
 *   <li>{@code POST /admin/v1/operators/:name/revoke} -> {@code {"name","revokedSerials":[...]}}
 * </ul>
 */
public final class OperatorRoutes {

  private final ServerContext ctx;
  private final OperatorRegistry registry;
  private final OperatorGate gate;

  private OperatorRoutes(ServerContext ctx, OperatorRegistry registry, OperatorGate gate) {
    this.ctx = ctx;
    this.registry = registry;
    this.gate = gate;
  }

  public static void mount(
      Router router, ServerContext ctx, OperatorRegistry registry, OperatorGate gate) {
    OperatorRoutes h = new OperatorRoutes(ctx, registry, gate);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(ctx.config().server().maxBodyBytes());
    String base = "/admin/v1/operators";
    // The role gate is its own route: Vert.x wants the body handler first on a route.
    router.post(base).handler(AdminAuth.require(AdminAuth.ADMINS));
    router.post(base + "/:name/revoke").handler(AdminAuth.require(AdminAuth.ADMINS));
    router.post(base).handler(body).handler(h::issue);
    router.post(base + "/:name/revoke").handler(body).handler(h::revoke);
    router.get(base).handler(AdminAuth.require(AdminAuth.ADMINS)).handler(h::list);
  }

  private void issue(RoutingContext rc) {
    JsonObject req = json(rc);
    String name = text(req, "name");
    OperatorRole role =
        OperatorRole.fromId(text(req, "role"))
            .orElseThrow(
                () ->
                    CaException.malformed(
                        "bad_role", "role must be admin, operator, auditor or attester"));
    int days = days(req);
    byte[] csr;
    try {
      csr = Base64.getMimeDecoder().decode(text(req, "csr"));
    } catch (IllegalArgumentException e) {
      throw CaException.malformed("bad_csr", "csr must be base64 of a DER PKCS#10 request");
    }
    String actor = AdminAuth.operator(rc).actor();
    ctx.bulkheads()
        .admin()
        .run(() -> registry.issue(name, role, days, csr, actor))
        .onSuccess(issued -> created(rc, issued))
        .onFailure(rc::fail);
  }

  private void list(RoutingContext rc) {
    ctx.bulkheads()
        .admin()
        .run(registry::list)
        .onSuccess(
            rows ->
                AdminReplies.json(
                    rc,
                    new JsonObject()
                        .put(
                            "items",
                            new JsonArray(
                                rows.stream()
                                    .map(r -> AdminJson.operator(r, ctx.clock()))
                                    .toList()))))
        .onFailure(rc::fail);
  }

  private void revoke(RoutingContext rc) {
    String name = rc.pathParam("name");
    String actor = AdminAuth.operator(rc).actor();
    ctx.bulkheads()
        .admin()
        .run(() -> registry.revoke(name, actor))
        .onSuccess(
            revoked -> {
              gate.forget(revoked.stream().map(OperatorRow::serial).toList());
              AdminReplies.json(
                  rc,
                  new JsonObject()
                      .put("name", name)
                      .put(
                          "revokedSerials",
                          new JsonArray(
                              revoked.stream().map(r -> r.serial().toString(16)).toList())));
            })
        .onFailure(rc::fail);
  }

  private void created(RoutingContext rc, IssuedOperator issued) {
    List<String> chain = issued.chain().stream().map(Pem::encode).toList();
    JsonObject body =
        AdminJson.operator(issued.row(), ctx.clock())
            .put("certificate", chain.get(0))
            .put("chain", new JsonArray(chain));
    rc.response().setStatusCode(201);
    AdminReplies.json(rc, body);
  }

  private static int days(JsonObject req) {
    Object v = req.getValue("days");
    if (v == null) {
      return OperatorProfile.DEFAULT_ISSUE_DAYS;
    }
    if (v instanceof Number n && n.doubleValue() == n.intValue()) {
      return n.intValue();
    }
    throw CaException.malformed("bad_days", "days must be a whole number");
  }

  private static String text(JsonObject req, String field) {
    Object v = req.getValue(field);
    if (!(v instanceof String s) || s.isBlank()) {
      throw CaException.malformed("missing_" + field, field + " is required (a string)");
    }
    return s.strip();
  }

  private static JsonObject json(RoutingContext rc) {
    try {
      JsonObject o = rc.body() == null ? null : rc.body().asJsonObject();
      if (o == null) {
        throw CaException.malformed("bad_json", "request body must be a JSON object");
      }
      return o;
    } catch (DecodeException | ClassCastException e) {
      throw CaException.malformed("bad_json", "request body must be a JSON object");
    }
  }
}
