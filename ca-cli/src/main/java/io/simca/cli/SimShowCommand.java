package io.simca.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code simca sim show ICCID}: the SIM and its latest certificates. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show a SIM and its certificates.")
final class SimShowCommand extends SimArgumentCommand {

  @Override
  JsonObject request(AdminClient client) {
    return client.get("/sims/" + Paths.segment(iccid));
  }

  @Override
  void printText(PrintWriter out, JsonObject sim) {
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
}
