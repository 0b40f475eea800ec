package io.simca.cli;

import io.vertx.core.json.JsonArray;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code simca audit list}: events in seq order. With {@code -o json} one event per line, ready for
 * a SIEM; poll with {@code --after-seq} set to the last seq seen.
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List audit events (seq order).")
final class AuditListCommand implements Callable<Integer> {

  static final List<Tables.Column> COLUMNS =
      List.of(
          new Tables.Column("SEQ", "seq", 6),
          new Tables.Column("AT", "at", 27),
          new Tables.Column("TYPE", "type", 12),
          new Tables.Column("OUTCOME", "outcome", 7),
          new Tables.Column("ACTOR", "actor", 28),
          new Tables.Column("ICCID", "iccid", 20),
          new Tables.Column("REASON", "reason", 25),
          new Tables.Column("DETAIL", "detail", 0));

  @Mixin DataOptions data;

  @Mixin AdminOptions admin;

  @Mixin OutputOptions output;

  @Option(
      names = "--type",
      paramLabel = "T",
      description = "Event type, e.g. enroll, sim_import, sim_revoke")
  String type;

  @Option(names = "--iccid", paramLabel = "ICCID")
  String iccid;

  @Option(
      names = "--after-seq",
      paramLabel = "N",
      description = "Only events after this seq (default 0)")
  long afterSeq;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "At most N events (default 100, max 1000)")
  int limit = 100;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("afterSeq", afterSeq);
    q.put("limit", limit);
    q.put("type", type);
    q.put("iccid", iccid);
    JsonArray items = admin.connect(data).get("/audit", q).getJsonArray("items", new JsonArray());
    PrintWriter out = spec.commandLine().getOut();
    Tables.print(out, items, COLUMNS, output.json());
    out.flush();
    return 0;
  }
}
