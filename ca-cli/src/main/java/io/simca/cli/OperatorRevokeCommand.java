package io.simca.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code simca operator revoke NAME}: revokes the operator's live credential; every node refuses it
 * within about a second. The last live admin cannot be revoked.
 */
@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description = "Revoke an operator's credential (refused on every node within ~1 s).")
final class OperatorRevokeCommand implements Callable<Integer> {

  @Mixin DataOptions data;

  @Mixin AdminOptions admin;

  @Mixin OutputOptions output;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    JsonObject r =
        admin.connect(data).post("/operators/" + Paths.segment(name) + "/revoke", new JsonObject());
    JsonArray serials = r.getJsonArray("revokedSerials", new JsonArray());
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      out.println(r.encode());
    } else if (serials.isEmpty()) {
      out.printf("operator %s had no live credential; nothing revoked%n", name);
    } else {
      out.printf(
          "revoked operator %s: %s%n",
          name, serials.stream().map(String::valueOf).collect(Collectors.joining(", ")));
    }
    out.flush();
    return 0;
  }
}
