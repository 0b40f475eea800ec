package io.simca.cli;

import io.simca.ca.crypto.Pem;
import io.simca.ca.hierarchy.CaInfo;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code simca ca issue-intermediate --label L}: a new issuing CA (P-256) and its OCSP responder,
 * signed by the root. With {@code --csr FILE} (the offline root ceremony) it certifies the key a
 * node requested ({@code ca request-intermediate}) instead, and writes the certificate to {@code
 * --out} for the node's {@code ca install-intermediate}.
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

  @Option(
      names = "--csr",
      paramLabel = "FILE",
      description =
          "A node's issuing CA request (ca/pending/<label>.csr from 'ca request-intermediate'): certify that key instead of making one here.")
  Path csr;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description =
          "With --csr: where to write the certificate (default: <label>.pem beside the request).")
  Path out;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (csr != null) {
      return certifyRequest();
    }
    if (out != null) {
      throw new CliFailure("--out goes with --csr");
    }
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

  private int certifyRequest() {
    Path target = out != null ? out : csr.toAbsolutePath().resolveSibling(label + ".pem");
    X509Certificate cert =
        RootCeremony.run(
            data,
            rootPass,
            spec.commandLine().getOut(),
            (dir, pass, cfg) -> {
              X509Certificate c =
                  RootCeremony.hierarchy(cfg)
                      .issueFromRequest(dir, csr, label, pass, cfg.server().effectivePublicUrl());
              Pem.writeCertificate(target, c);
              return c;
            });
    spec.commandLine()
        .getOut()
        .printf(
            "certified the request for '%s': %s, serial %s -> %s%n"
                + "on the node: simca ca install-intermediate --label %s --cert %s"
                + " (and --root with this root.pem on a new node); copy ca/root.crl and"
                + " ca/root-ocsp/ to every node%n",
            label,
            cert.getSubjectX500Principal().getName(),
            cert.getSerialNumber().toString(16),
            target,
            label,
            target.getFileName());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
