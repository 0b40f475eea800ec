package io.simca.ca.server.admin;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Successful admin responses: JSON, never cached (operator data changes under the client). */
final class AdminReplies {

  private AdminReplies() {}

  static void json(RoutingContext rc, JsonObject body) {
    rc.response()
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }
}
