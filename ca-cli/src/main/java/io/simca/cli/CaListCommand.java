package io.simca.cli;

import io.simca.ca.hierarchy.CaInfo;
import io.simca.ca.hierarchy.HierarchyService;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code simca ca list}: labels, subjects, key algorithms, validity and status of the hierarchy.
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the CAs in the hierarchy.")
final class CaListCommand implements Callable<Integer> {

  @Mixin DataOptions data;

  @Mixin OutputOptions output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var cfg = data.loadConfig();
    List<CaInfo> cas = new HierarchyService().list(data.dataDir(cfg));
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      cas.forEach(
          ca ->
              out.println(
                  new JsonObject()
                      .put("label", ca.label())
                      .put("role", ca.role().name())
                      .put("generation", ca.generation())
                      .put("subject", ca.subject())
                      .put("keyAlgorithm", ca.keyAlgorithm())
                      .put("notBefore", ca.notBefore().toString())
                      .put("notAfter", ca.notAfter().toString())
                      .put("status", ca.status().name())
                      .put("keyId", ca.keyId())
                      .encode()));
    } else {
      out.printf(
          "%-10s %-9s %-4s %-8s %-26s %-22s %s%n",
          "LABEL", "ROLE", "GEN", "STATUS", "KEY", "NOT AFTER", "SUBJECT");
      cas.forEach(
          ca ->
              out.printf(
                  "%-10s %-9s %-4d %-8s %-26s %-22s %s%n",
                  ca.label(),
                  ca.role(),
                  ca.generation(),
                  ca.status(),
                  ca.keyAlgorithm(),
                  ca.notAfter(),
                  ca.subject()));
    }
    out.flush();
    return 0;
  }
}
