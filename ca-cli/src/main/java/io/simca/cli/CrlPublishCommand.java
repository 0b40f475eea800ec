package io.simca.cli;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code simca crl publish [--label L]}: regenerates the CRL of one issuing CA, or all, now. */
@Command(name = "publish", mixinStandardHelpOptions = true, description = "Regenerate CRLs now.")
final class CrlPublishCommand extends AdminCommand {

  @Option(names = "--label", paramLabel = "L", description = "Issuing CA label (default: all)")
  String label;

  @Override
  JsonObject request(AdminClient client) {
    return client.post(
        "/crl/publish", label == null ? new JsonObject() : new JsonObject().put("label", label));
  }

  @Override
  void printText(PrintWriter out, JsonObject r) {
    r.getJsonObject("crls", new JsonObject())
        .forEach(e -> out.printf("published CRL of '%s': number %s%n", e.getKey(), e.getValue()));
  }
}
