package io.simca.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.List;

/** Text output of admin API answers: fixed-width tables, or JSON lines with {@code -o json}. */
final class Tables {

  /** A column: its heading, the JSON field it shows, its width. */
  record Column(String heading, String field, int width) {}

  private Tables() {}

  /** One JSON object per line ({@code -o json}), or a table with a heading. */
  static void print(PrintWriter out, JsonArray items, List<Column> columns, boolean json) {
    if (json) {
      items.forEach(i -> out.println(((JsonObject) i).encode()));
      return;
    }
    StringBuilder head = new StringBuilder();
    columns.forEach(c -> head.append(pad(c.heading(), c.width())));
    out.println(head.toString().stripTrailing());
    for (Object o : items) {
      JsonObject item = (JsonObject) o;
      StringBuilder row = new StringBuilder();
      columns.forEach(c -> row.append(pad(text(item.getValue(c.field())), c.width())));
      out.println(row.toString().stripTrailing());
    }
  }

  /**
   * {@code key: value} lines for one object, in the order of {@code fields}, skipping absent ones.
   */
  static void fields(PrintWriter out, JsonObject o, List<String> fields) {
    for (String f : fields) {
      Object v = o.getValue(f);
      if (v != null) {
        out.printf("%-17s %s%n", f + ":", text(v));
      }
    }
  }

  static String text(Object v) {
    return v == null ? "-" : v.toString();
  }

  private static String pad(String s, int width) {
    if (width <= 0) {
      return s + " ";
    }
    return String.format("%-" + width + "s ", s.length() > width ? s.substring(0, width) : s);
  }
}
