package io.simca.cli;

import io.simca.ca.store.SimStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code simca sim list}: SIMs by ICCID, filtered and paged. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List SIMs (ordered by ICCID).")
final class SimListCommand extends AdminListCommand {

  static final List<Tables.Column> COLUMNS =
      List.of(
          new Tables.Column("ICCID", "iccid", 22),
          new Tables.Column("IMSI", "imsi", 15),
          new Tables.Column("IMEI", "imei", 15),
          new Tables.Column("TENANT", "tenant", 16),
          new Tables.Column("STATUS", "status", 0));

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

  @Override
  String path() {
    return "/sims";
  }

  @Override
  Map<String, Object> query() {
    return params("tenant", tenant, "status", wire(status), "prefix", prefix, "offset", offset);
  }

  @Override
  List<Tables.Column> columns() {
    return COLUMNS;
  }

  @Override
  String footer(JsonObject page, JsonArray items) {
    long total = page.getLong("total", 0L);
    return items.isEmpty()
        ? "no SIMs (" + total + " in all)"
        : "SIMs " + (offset + 1) + "-" + (offset + items.size()) + " of " + total;
  }
}
