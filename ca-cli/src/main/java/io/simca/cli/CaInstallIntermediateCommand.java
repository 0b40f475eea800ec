package io.simca.cli;

import io.simca.ca.config.SimcaConfig;
import io.simca.ca.hierarchy.CaInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code simca ca install-intermediate --label L --cert FILE [--root FILE]}, on the node: the last
 * step of the offline root ceremony. Takes the root's certificate for the pending key into service
 * (a running node signs with it within seconds); on a node without a hierarchy it also makes the
 * TLS certificate and the first operator credential and installs the root certificate.
 */
@Command(
    name = "install-intermediate",
    mixinStandardHelpOptions = true,
    description = "Install the root's certificate for a pending issuing CA request.")
final class CaInstallIntermediateCommand implements Callable<Integer> {

  @Mixin DataOptions data;

  @Option(
      names = "--label",
      defaultValue = "default",
      paramLabel = "LABEL",
      description = "Issuing CA label (default: ${DEFAULT-VALUE})")
  String label;

  @Option(
      names = "--cert",
      required = true,
      paramLabel = "FILE",
      description = "The certificate 'ca issue-intermediate --csr' wrote")
  Path cert;

  @Option(
      names = "--root",
      paramLabel = "FILE",
      description = "The root certificate (root.pem from the ceremony); needed on a new node")
  Path root;

  @Option(
      names = "--host-name",
      paramLabel = "NAME",
      description =
          "On a new node: extra DNS name or IP for the server TLS certificate (repeatable)")
  List<String> hostNames = new ArrayList<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    SimcaConfig cfg = data.loadConfig();
    List<String> names = new ArrayList<>(cfg.server().hostNames());
    names.addAll(hostNames);
    CaInfo ca =
        RootCeremony.hierarchy(cfg)
            .installIntermediate(data.dataDir(cfg), label, cert, root, names);
    spec.commandLine()
        .getOut()
        .printf(
            "installed issuing CA '%s' generation %d, key id %s (%s)%n"
                + "copy the ceremony's ca/root.crl and ca/root-ocsp/ here; a running node signs"
                + " with the new generation within 5 s%n",
            label, ca.generation(), ca.keyId(), ca.certificateFile());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
