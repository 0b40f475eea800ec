package io.simca.cli;

import io.simca.ca.hierarchy.CaInfo;
import io.simca.ca.hierarchy.HierarchyService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code simca ca rotate --label L}: a new key and certificate for an issuing CA. The previous
 * generation moves to {@code ca/archive/} and keeps answering OCSP and CRL for what it issued.
 */
@Command(
    name = "rotate",
    mixinStandardHelpOptions = true,
    description = "Rotate an issuing CA's key and certificate.")
final class CaRotateCommand implements Callable<Integer> {

  @Mixin DataOptions data;

  @Mixin RootPassOption rootPass;

  @Option(
      names = "--label",
      required = true,
      paramLabel = "LABEL",
      description = "Issuing CA label")
  String label;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CaInfo ca =
        RootCeremony.run(
            data,
            rootPass,
            spec.commandLine().getOut(),
            (dir, pass, publicUrl) -> new HierarchyService().rotate(dir, label, pass, publicUrl));
    spec.commandLine()
        .getOut()
        .printf(
            "rotated CA '%s': generation %d, key id %s (%s); previous generation archived%n"
                + "restart the server to issue from the new key%n",
            label, ca.generation(), ca.keyId(), ca.certificateFile());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
