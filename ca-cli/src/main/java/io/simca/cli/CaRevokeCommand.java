package io.simca.cli;

import io.simca.ca.crypto.Pem;
import io.simca.ca.hierarchy.DataDir;
import io.simca.ca.hierarchy.HierarchyException;
import io.simca.ca.hierarchy.HierarchyService;
import io.simca.ca.rootca.RevokedIssuingCas;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code simca ca revoke --label L --reason R}: the root revokes an issuing CA (run where the root
 * key is). The root's CRL lists it and its OCSP answer says revoked, so relying parties that check
 * the whole chain refuse every certificate under it; nodes stop enrolling under that label once
 * they load the new files (copy {@code ca/root.crl} and {@code ca/root-ocsp/} to each).
 */
@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description = "Revoke an issuing CA with the root key (compromise, retirement).")
final class CaRevokeCommand implements Callable<Integer> {

  /** RFC 5280 §5.3.1 reasons that apply to a CA certificate. */
  enum Reason {
    keyCompromise(1),
    cACompromise(2),
    affiliationChanged(3),
    superseded(4),
    cessationOfOperation(5);

    final int code;

    Reason(int code) {
      this.code = code;
    }
  }

  @Mixin DataOptions data;

  @Mixin RootPassOption rootPass;

  @Option(
      names = "--label",
      required = true,
      paramLabel = "LABEL",
      description = "Issuing CA label")
  String label;

  @Option(
      names = "--reason",
      required = true,
      paramLabel = "R",
      description =
          "keyCompromise, cACompromise, affiliationChanged, superseded, cessationOfOperation")
  Reason reason;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    DataDir dir = data.dataDir(data.loadConfig());
    if (!Files.isRegularFile(dir.issuingCert(label))) {
      throw new CliFailure("no issuing CA '" + label + "' in " + dir.caDir());
    }
    X509Certificate ca = Pem.readCertificate(dir.issuingCert(label));
    RootCeremony.run(
        data,
        rootPass,
        spec.commandLine().getOut(),
        (ceremonyDir, pass, cfg) -> {
          try {
            HierarchyService.loadRoot(dir, pass); // the right root key, before anything changes
          } catch (HierarchyException e) {
            throw new CliFailure(e.getMessage());
          }
          RevokedIssuingCas.add(dir, ca.getSerialNumber(), reason.code, Instant.now());
          return null;
        });
    spec.commandLine()
        .getOut()
        .printf(
            "revoked issuing CA '%s' (serial %s, %s): every certificate under it now fails"
                + " full-chain validation; copy ca/root.crl and ca/root-ocsp/ to every node%n",
            label, ca.getSerialNumber().toString(16), reason);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
