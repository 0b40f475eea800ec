package io.simca.cli;

import io.simca.ca.revocation.SimRevocationReason;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code simca sim revoke ICCID --reason lost|stolen|decommissioned}: bars the SIM and revokes its
 * unexpired certificates; prints the serials revoked, or says nothing new was revoked.
 */
@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description = "Bar a SIM and revoke its certificates.")
final class SimRevokeCommand implements Callable<Integer> {

  @Mixin DataOptions data;

  @Mixin AdminOptions admin;

  @Mixin OutputOptions output;

  @Parameters(index = "0", paramLabel = "ICCID")
  String iccid;

  @Option(
      names = "--reason",
      required = true,
      paramLabel = "REASON",
      description = "lost, stolen or decommissioned")
  SimRevocationReason reason;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    JsonObject r =
        admin
            .connect(data)
            .post(
                "/sims/" + Paths.segment(iccid) + "/revoke",
                new JsonObject().put("reason", reason.name().toLowerCase(Locale.ROOT)));
    PrintWriter out = spec.commandLine().getOut();
    JsonArray serials = r.getJsonArray("revokedSerials", new JsonArray());
    if (output.json()) {
      out.println(r.encode());
    } else if (serials.isEmpty()) {
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
    out.flush();
    return 0;
  }
}
