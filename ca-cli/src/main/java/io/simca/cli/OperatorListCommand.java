package io.simca.cli;

import io.vertx.core.json.JsonArray;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code simca operator list}: every operator credential, live or not. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List operator credentials (by name).")
final class OperatorListCommand implements Callable<Integer> {

  static final List<Tables.Column> COLUMNS =
      List.of(
          new Tables.Column("NAME", "name", 20),
          new Tables.Column("ROLE", "role", 8),
          new Tables.Column("STATUS", "status", 7),
          new Tables.Column("LIVE", "live", 5),
          new Tables.Column("NOT AFTER", "notAfter", 27),
          new Tables.Column("SERIAL", "serial", 0));

  @Mixin DataOptions data;

  @Mixin AdminOptions admin;

  @Mixin OutputOptions output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    JsonArray items = admin.connect(data).get("/operators").getJsonArray("items", new JsonArray());
    PrintWriter out = spec.commandLine().getOut();
    Tables.print(out, items, COLUMNS, output.json());
    out.flush();
    return 0;
  }
}
