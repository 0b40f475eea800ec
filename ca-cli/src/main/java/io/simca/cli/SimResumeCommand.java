package io.simca.cli;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code simca sim resume ICCID [--force]}: a suspended SIM may enrol again. A lost, stolen or
 * decommissioned SIM stays barred unless {@code --force}; its revoked certificates stay revoked.
 */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description = "Let a suspended SIM enrol again.")
final class SimResumeCommand extends SimArgumentCommand {

  @Option(
      names = "--force",
      description = "Also resume a SIM reported lost, stolen or decommissioned")
  boolean force;

  @Override
  JsonObject request(AdminClient client) {
    String path = "/sims/" + Paths.segment(iccid) + "/resume" + (force ? "?force=true" : "");
    return client.post(path, new JsonObject());
  }

  @Override
  void printText(PrintWriter out, JsonObject r) {
    if (r.getBoolean("changed", false)) {
      out.printf(
          "SIM %s resumed (%s -> %s)%n", iccid, r.getString("previous"), r.getString("status"));
    } else {
      out.printf("SIM %s is already %s; nothing changed%n", iccid, r.getString("status"));
    }
  }
}
