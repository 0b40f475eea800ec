package io.simca.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code simca sim show ICCID}: the SIM and its latest certificates. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show a SIM and its certificates.")
final class SimShowCommand implements Callable<Integer> {

  @Mixin DataOptions data;

  @Mixin AdminOptions admin;

  @Mixin OutputOptions output;

  @Parameters(index = "0", paramLabel = "ICCID")
  String iccid;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    JsonObject sim = admin.connect(data).get("/sims/" + Paths.segment(iccid));
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      out.println(sim.encode());
    } else {
      Tables.fields(
          out,
          sim,
          List.of(
              "iccid",
              "imsi",
              "imei",
              "tenant",
              "status",
              "statusReason",
              "imeiLockedAt",
              "createdAt",
              "updatedAt"));
      JsonArray certs = sim.getJsonArray("certificates", new JsonArray());
      out.printf("certificates:     %d%n", certs.size());
      if (!certs.isEmpty()) {
        Tables.print(out, certs, CertListCommand.COLUMNS, false);
      }
    }
    out.flush();
    return 0;
  }
}
