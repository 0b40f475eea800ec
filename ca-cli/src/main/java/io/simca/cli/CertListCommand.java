package io.simca.cli;

import io.simca.ca.store.CertStatus;
import io.vertx.core.json.JsonArray;
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

/** {@code simca cert list [--iccid I] [--status S]}: certificates, newest first. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List certificates (newest first).")
final class CertListCommand implements Callable<Integer> {

  static final List<Tables.Column> COLUMNS =
      List.of(
          new Tables.Column("SERIAL", "serial", 32), new Tables.Column("STATUS", "status", 8),
          new Tables.Column("NOT AFTER", "notAfter", 24), new Tables.Column("ICCID", "iccid", 22),
          new Tables.Column("CA", "caLabel", 10),
              new Tables.Column("REASON", "revocationReason", 0));

  @Mixin DataOptions data;

  @Mixin AdminOptions admin;

  @Mixin OutputOptions output;

  @Option(names = "--iccid", paramLabel = "ICCID")
  String iccid;

  @Option(names = "--status", paramLabel = "S", description = "reserved, issued or revoked")
  CertStatus status;

  @Option(names = "--offset", paramLabel = "N")
  int offset;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "At most N certificates (default 100, max 1000)")
  int limit = 100;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("iccid", iccid);
    q.put("status", status == null ? null : status.name().toLowerCase(Locale.ROOT));
    q.put("offset", offset);
    q.put("limit", limit);
    JsonArray items = admin.connect(data).get("/certs", q).getJsonArray("items", new JsonArray());
    PrintWriter out = spec.commandLine().getOut();
    Tables.print(out, items, COLUMNS, output.json());
    out.flush();
    return 0;
  }
}
