package io.simca.cli;

import io.simca.ca.store.SimStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code simca sim list}: SIMs by ICCID, filtered and paged. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List SIMs (ordered by ICCID).")
final class SimListCommand implements Callable<Integer> {

  static final List<Tables.Column> COLUMNS =
      List.of(
          new Tables.Column("ICCID", "iccid", 22),
          new Tables.Column("IMSI", "imsi", 15),
          new Tables.Column("IMEI", "imei", 15),
          new Tables.Column("TENANT", "tenant", 16),
          new Tables.Column("STATUS", "status", 0));

  @Mixin DataOptions data;

  @Mixin AdminOptions admin;

  @Mixin OutputOptions output;

  @Option(names = "--tenant", paramLabel = "T")
  String tenant;

  @Option(
      names = "--status",
      paramLabel = "S",
      description = "active, suspended, lost, stolen or decommissioned")
  SimStatus status;

  @Option(names = "--prefix", paramLabel = "P", description = "Leading ICCID digits")
  String prefix;

  @Option(names = "--offset", paramLabel = "N")
  int offset;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "At most N SIMs (default 100, max 1000)")
  int limit = 100;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("tenant", tenant);
    q.put("status", status == null ? null : status.name().toLowerCase(Locale.ROOT));
    q.put("prefix", prefix);
    q.put("offset", offset);
    q.put("limit", limit);
    JsonObject page = admin.connect(data).get("/sims", q);
    JsonArray items = page.getJsonArray("items", new JsonArray());
    PrintWriter out = spec.commandLine().getOut();
    Tables.print(out, items, COLUMNS, output.json());
    if (!output.json()) {
      long total = page.getLong("total", 0L);
      out.printf(
          items.isEmpty() ? "no SIMs (%3$d in all)%n" : "SIMs %d-%d of %d%n",
          offset + 1,
          offset + items.size(),
          total);
    }
    out.flush();
    return 0;
  }
}
