package io.simca.cli;

import io.simca.ca.hierarchy.CaInfo;
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
            (dir, pass, cfg) ->
                RootCeremony.hierarchy(cfg)
                    .rotate(dir, label, pass, cfg.server().effectivePublicUrl()));
    spec.commandLine()
        .getOut()
        .printf(
            "rotated CA '%s': generation %d, key id %s (%s); previous generation archived%n"
                + "a running node signs with it within 5 s; copy ca/ and ocsp/ to the other nodes%n",
            label, ca.generation(), ca.keyId(), ca.certificateFile());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
