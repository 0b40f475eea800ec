package io.simca.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * A {@code list} command: one GET of an admin collection with filter query parameters, printed as a
 * table ({@code -o text}) or one JSON object per line ({@code -o json}, for scripts and SIEMs).
 */
abstract class AdminListCommand extends AdminCommand {

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "At most N rows (default ${DEFAULT-VALUE}, max 1000)")
  int limit = 100;

  /** The collection, e.g. {@code /sims}. */
  abstract String path();

  /** The query parameters from the options; {@code null} values are left out. */
  abstract Map<String, Object> query();

  abstract List<Tables.Column> columns();

  /** A line under the table (text only), e.g. where the page stands; none by default. */
  String footer(JsonObject page, JsonArray items) {
    return null;
  }

  @Override
  final JsonObject request(AdminClient client) {
    Map<String, Object> query = new LinkedHashMap<>(query());
    query.put("limit", limit);
    return client.get(path(), query);
  }

  @Override
  final void printText(PrintWriter out, JsonObject page) {
    JsonArray items = items(page);
    Tables.print(out, items, columns(), false);
    String footer = footer(page, items);
    if (footer != null) {
      out.println(footer);
    }
  }

  @Override
  final void printJson(PrintWriter out, JsonObject page) {
    Tables.print(out, items(page), columns(), true);
  }

  /** Query parameters from name/value pairs, in order; values may be {@code null}. */
  static Map<String, Object> params(Object... namesAndValues) {
    Map<String, Object> params = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      params.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return params;
  }

  private static JsonArray items(JsonObject page) {
    return page.getJsonArray("items", new JsonArray());
  }
}
