package io.simca.cli;

import io.vertx.core.json.JsonObject;

/** JSON output uses Vert.x's JsonObject (Jackson underneath): no hand-built JSON strings. */
final class Json {

  private Json() {}

  static JsonObject object() {
    return new JsonObject();
  }
}
