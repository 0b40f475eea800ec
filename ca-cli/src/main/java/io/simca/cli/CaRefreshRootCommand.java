package io.simca.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code simca ca refresh-root}: at the root ceremony (where the root key is), re-sign the root's
 * CRL of its issuing CAs and its OCSP responses about them before their nextUpdate (90 days).
 */
@Command(
    name = "refresh-root",
    mixinStandardHelpOptions = true,
    description = {
      "Re-sign the root's CRL (ca/root.crl) and its OCSP responses about the issuing CAs",
      "(ca/root-ocsp/), where the root key is. Copy both to every node afterwards."
    })
final class CaRefreshRootCommand implements Callable<Integer> {

  @Mixin DataOptions data;

  @Mixin RootPassOption rootPass;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    RootCeremony.run(data, rootPass, spec.commandLine().getOut(), (dir, pass, cfg) -> null);
    return 0;
  }
}
