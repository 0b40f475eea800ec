package io.simca.cli;

import io.simca.ca.config.SimcaConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code simca ca request-intermediate --label L}, on a node: the first step of the offline root
 * ceremony. Makes the issuing CA key where {@code ca.keys} says (a PKCS#11 token keeps it) and the
 * request the root signs; nothing the node serves changes until {@code ca install-intermediate}.
 */
@Command(
    name = "request-intermediate",
    mixinStandardHelpOptions = true,
    description = "Make an issuing CA key and the request for the offline root to sign.")
final class CaRequestIntermediateCommand implements Callable<Integer> {

  @Mixin DataOptions data;

  @Option(
      names = "--label",
      defaultValue = "default",
      paramLabel = "LABEL",
      description =
          "Issuing CA label (default: ${DEFAULT-VALUE}); an existing one gets its next generation")
  String label;

  @Option(
      names = "--organization",
      defaultValue = "simca",
      paramLabel = "O",
      description = "O= of the subject on a node without a root yet (else the root's)")
  String organization;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    SimcaConfig cfg = data.loadConfig();
    Path csr =
        RootCeremony.hierarchy(cfg).requestIntermediate(data.dataDir(cfg), label, organization);
    spec.commandLine()
        .getOut()
        .printf(
            "issuing CA request for '%s': %s%n"
                + "at the root: simca ca issue-intermediate --csr %s --label %s --out %s.pem%n",
            label, csr, csr.getFileName(), label, label);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
