package io.simca.cli;

import io.simca.ca.revocation.SimRevocationReason;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code simca sim revoke ICCID --reason lost|stolen|decommissioned}: bars the SIM and revokes its
 * unexpired certificates; prints the serials revoked, or says nothing new was revoked.
 */
@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description = "Bar a SIM and revoke its certificates.")
final class SimRevokeCommand extends SimArgumentCommand {

  @Option(
      names = "--reason",
      required = true,
      paramLabel = "REASON",
      description = "lost, stolen or decommissioned")
  SimRevocationReason reason;

  @Override
  JsonObject request(AdminClient client) {
    return client.post(
        "/sims/" + Paths.segment(iccid) + "/revoke", new JsonObject().put("reason", wire(reason)));
  }

  @Override
  void printText(PrintWriter out, JsonObject r) {
    JsonArray serials = r.getJsonArray("revokedSerials", new JsonArray());
    if (serials.isEmpty()) {
      out.printf(
          "SIM %s is %s; no certificate newly revoked%s%n",
          iccid,
          r.getString("status"),
          r.getBoolean("alreadyRevoked", false) ? " (it was already revoked)" : "");
    } else {
      out.printf(
          "SIM %s is %s; revoked %d certificate(s):%n",
          iccid, r.getString("status"), serials.size());
      serials.forEach(s -> out.println("  " + s));
    }
  }
}
