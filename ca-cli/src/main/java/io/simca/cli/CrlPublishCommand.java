package io.simca.cli;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code simca crl publish [--label L]}: regenerates the CRL of one issuing CA, or all, now. */
@Command(name = "publish", mixinStandardHelpOptions = true, description = "Regenerate CRLs now.")
final class CrlPublishCommand implements Callable<Integer> {

  @Mixin DataOptions data;

  @Mixin AdminOptions admin;

  @Mixin OutputOptions output;

  @Option(names = "--label", paramLabel = "L", description = "Issuing CA label (default: all)")
  String label;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    JsonObject body = label == null ? new JsonObject() : new JsonObject().put("label", label);
    JsonObject r = admin.connect(data).post("/crl/publish", body);
    PrintWriter out = spec.commandLine().getOut();
    JsonObject crls = r.getJsonObject("crls", new JsonObject());
    if (output.json()) {
      out.println(r.encode());
    } else {
      crls.forEach(e -> out.printf("published CRL of '%s': number %s%n", e.getKey(), e.getValue()));
    }
    out.flush();
    return 0;
  }
}
