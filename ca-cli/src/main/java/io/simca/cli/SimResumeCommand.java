package io.simca.cli;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code simca sim resume ICCID [--force]}: a suspended SIM may enrol again. A lost, stolen or
 * decommissioned SIM stays barred unless {@code --force}; its revoked certificates stay revoked.
 */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description = "Let a suspended SIM enrol again.")
final class SimResumeCommand implements Callable<Integer> {

  @Mixin DataOptions data;

  @Mixin AdminOptions admin;

  @Mixin OutputOptions output;

  @Parameters(index = "0", paramLabel = "ICCID")
  String iccid;

  @Option(
      names = "--force",
      description = "Also resume a SIM reported lost, stolen or decommissioned")
  boolean force;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    AdminClient client = admin.connect(data);
    String path = "/sims/" + Paths.segment(iccid) + "/resume" + (force ? "?force=true" : "");
    JsonObject r = client.post(path, new JsonObject());
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      out.println(r.encode());
    } else if (r.getBoolean("changed", false)) {
      out.printf(
          "SIM %s resumed (%s -> %s)%n", iccid, r.getString("previous"), r.getString("status"));
    } else {
      out.printf("SIM %s is already %s; nothing changed%n", iccid, r.getString("status"));
    }
    out.flush();
    return 0;
  }
}
