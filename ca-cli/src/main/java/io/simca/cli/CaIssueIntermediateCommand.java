package io.simca.cli;

import io.simca.ca.hierarchy.CaInfo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code simca ca issue-intermediate --label L}: a new issuing CA (P-256) and its OCSP responder,
 * signed by the root.
 */
@Command(
    name = "issue-intermediate",
    mixinStandardHelpOptions = true,
    description = "Create a new issuing CA under the root.")
final class CaIssueIntermediateCommand implements Callable<Integer> {

  @Mixin DataOptions data;

  @Mixin RootPassOption rootPass;

  @Option(
      names = "--label",
      required = true,
      paramLabel = "LABEL",
      description = "Label of the new issuing CA ([a-z0-9-], 1-32)")
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
                    .issueIntermediate(dir, label, pass, cfg.server().effectivePublicUrl()));
    spec.commandLine()
        .getOut()
        .printf(
            "issued CA '%s': %s (%s)%na running node serves /.well-known/est/%s/ within 5 s%n",
            label, ca.subject(), ca.certificateFile(), label);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
